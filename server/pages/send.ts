// Sends a prepared public response with validators and cache headers, answering 304 when the client is fresh.
import type { Request, Response } from "express";
import { type PageCache, type Prepared, strongEtag } from "./cache.ts";
import { type PublicPageSlots, renderSlot } from "./slots.ts";

// Short enough that a publication shows within a minute; revalidation is cheap thanks to the ETag.
const PUBLIC_CACHE = "public, max-age=60, must-revalidate";
const PRIVATE_CACHE = "private, no-cache";

/** Returns false when nothing public lives there, so the caller falls through to the 404 page. */
export async function sendPrepared(
  req: Request,
  res: Response,
  prepared: Prepared,
  slots: PublicPageSlots,
  cache: PageCache,
): Promise<boolean> {
  if (prepared.kind === "missing") return false;
  if (prepared.kind === "redirect") {
    res.setHeader("Cache-Control", "public, max-age=3600");
    res.redirect(301, prepared.location);
    return true;
  }
  let body = prepared.full;
  let etag = prepared.etag;
  let lastModified = prepared.lastModified;
  const signedIn = req.actor?.kind === "user";
  if (prepared.slot && prepared.around) {
    const { slot, around } = prepared;
    const compose = async () => {
      const slotHtml = await renderSlot(slots, slot, req);
      if (!slotHtml) return { body: prepared.full, etag: prepared.etag };
      const composed = Buffer.from(around[0] + slotHtml + around[1]);
      return { body: composed, etag: strongEtag(composed) };
    };
    const shared = slots.sharedUntil && !signedIn && !req.url.includes("?");
    const out = shared ? await cache.composedFor(req.path, prepared, compose) : await compose();
    if (out.body !== prepared.full) {
      ({ body, etag } = out);
      // The slot changes without the page's data changing (a new comment): only the ETag can tell.
      lastModified = null;
    }
    if (slots.subscribeForm || slots.comments) res.setHeader("Vary", "Cookie");
  }
  res.setHeader("ETag", etag);
  if (lastModified) res.setHeader("Last-Modified", lastModified.toUTCString());
  res.setHeader("Cache-Control", signedIn ? PRIVATE_CACHE : PUBLIC_CACHE);
  res.type(prepared.type);
  if (req.fresh) {
    res.status(304).end();
    return true;
  }
  res.send(body);
  return true;
}
