// Refuses state-changing requests whose Origin (or Referer) is not the public URL.
import type { RequestHandler } from "express";
import { AppError } from "../errors.ts";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

function originOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return new URL(value).origin;
  } catch {
    return "invalid";
  }
}

/** True when a request's Origin/Referer is acceptable for an action with (or without) a session. */
export function originAllowed(
  headers: { origin?: string | undefined; referer?: string | undefined },
  publicOrigin: string,
  hasSession: boolean,
): boolean {
  const origin = originOf(headers.origin) ?? originOf(headers.referer);
  if (origin === undefined) return !hasSession;
  return origin === publicOrigin;
}

export function csrfGuard(publicUrl: string, sessionCookieName: string): RequestHandler {
  const publicOrigin = new URL(publicUrl).origin;
  return (req, _res, next) => {
    if (SAFE.has(req.method)) return next();
    const hasSession = Boolean(req.headers.cookie?.includes(`${sessionCookieName}=`));
    if (!originAllowed(req.headers, publicOrigin, hasSession))
      return next(new AppError(403, "csrf_origin_mismatch", "Requête refusée : elle ne vient pas de ce site."));
    next();
  };
}
