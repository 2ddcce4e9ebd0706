// The short-lived cookie that ties a browser to its sign-in attempt at a provider.
import { parse, serialize } from "cookie";
import type { Config } from "../../config.ts";
import { ATTEMPT_TTL_MS } from "../../services/oidc.ts";

const name = (config: Pick<Config, "secureCookies">) => (config.secureCookies ? "__Host-carnet_oidc" : "carnet_oidc");

// Lax: the provider sends the browser back with a top-level GET from its own site.
const attributes = (config: Config, maxAge: number) =>
  ({ httpOnly: true, sameSite: "lax", path: "/", secure: config.secureCookies, maxAge }) as const;

export const attemptCookie = (config: Config, token: string) => serialize(name(config), token, attributes(config, ATTEMPT_TTL_MS / 1000));
export const clearedAttemptCookie = (config: Config) => serialize(name(config), "", attributes(config, 0));
export const readAttemptToken = (config: Config, header: string | undefined) => (header ? parse(header)[name(config)] : undefined);
