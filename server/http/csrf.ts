// Refuses state-changing requests that a browser did not send from this site (Sec-Fetch-Site, then Origin/Referer).
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

export type CsrfHeaders = { origin?: string | undefined; referer?: string | undefined; "sec-fetch-site"?: string | undefined };

/** True when a request's provenance is acceptable for an action with (or without) a session. */
export function originAllowed(headers: CsrfHeaders, publicOrigin: string, hasSession: boolean): boolean {
  // Browsers set Sec-Fetch-Site themselves (pages cannot forge it); under `Referrer-Policy: no-referrer`
  // Chromium sends `Origin: null` on our own form posts, so this header is what tells them apart from a foreign page.
  const site = headers["sec-fetch-site"];
  if (site === "same-origin") return true;
  if (site === "same-site" || site === "cross-site") return false;
  // "null" parses as "invalid": an opaque origin is never ours.
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
