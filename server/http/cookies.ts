// The session cookie: its name, attributes, and reading it from a request.
import { parse, serialize } from "cookie";
import type { Config } from "../config.ts";

/** The `__Host-` prefix pins the cookie to this exact origin over HTTPS. */
export const sessionCookieName = (config: Pick<Config, "secureCookies">) =>
  config.secureCookies ? "__Host-carnet_session" : "carnet_session";

export function readSessionToken(cookieHeader: string | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  return parse(cookieHeader)[name];
}

export function sessionCookie(config: Config, token: string): string {
  return serialize(sessionCookieName(config), token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: config.secureCookies,
    maxAge: Math.floor(config.sessionAbsoluteMs / 1000),
  });
}

export function clearedSessionCookie(config: Config): string {
  return serialize(sessionCookieName(config), "", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: config.secureCookies,
    maxAge: 0,
  });
}
