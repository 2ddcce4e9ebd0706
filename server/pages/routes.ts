// The public, server-rendered addresses: home, journals, episodes, feeds, sitemap and robots.txt.
import express, { type NextFunction, type Request, type Response } from "express";
import type { Context } from "../context.ts";
import { renderFeed } from "./feeds.ts";
import { renderRobots, renderSitemap } from "./sitemap.ts";
import { type Built, PageCache } from "./cache.ts";
import { renderEpisodeRef } from "./episode.ts";
import { renderHome } from "./home.ts";
import { journalReader } from "./journal.ts";
import { renderProgramme } from "./programme.ts";
import { searchPage } from "./search.ts";
import { renderBooklet } from "./booklet.ts";
import { renderTheme } from "./themes.ts";
import { sendPrepared } from "./send.ts";
import type { PublicPageSlots } from "./slots.ts";
import type { FeedFormat } from "./urls.ts";

export type { PublicPageSlots } from "./slots.ts";

const FORMATS: FeedFormat[] = ["atom", "rss", "json"];

/** Mount with `app.use(publicPages(ctx, slots))` before the 404 handler; unknown addresses fall through. */
export function publicPages(ctx: Context, slots: PublicPageSlots = {}): express.Router {
  const router = express.Router({ strict: false });
  const reader = journalReader(ctx.repos);
  const cache = new PageCache(ctx.events);
  for (const name of slots.sharedUntil ?? []) ctx.events.onEveryInstance(name, () => cache.invalidateSlots());
  const site = { instanceName: ctx.config.instanceName, publicUrl: ctx.config.publicUrl };

  // Cached under the path: every public address renders the same bytes for everyone (slots aside).
  const serve =
    (build: (req: Request) => Promise<Built> | Built) =>
    async (req: Request, res: Response, next: NextFunction): Promise<void> => {
      const prepared = await cache.get(req.path, async () => await build(req));
      if (!(await sendPrepared(req, res, prepared, slots, cache))) next();
    };
  const param = (req: Request, name: string) => String(req.params[name] ?? "");

  router.get("/", serve(() => renderHome(reader, site)));
  router.get("/sitemap.xml", serve(() => renderSitemap(reader, site)));
  router.get("/robots.txt", serve(() => renderRobots(site)));
  for (const format of FORMATS) {
    router.get(`/feed.${format}`, serve(() => renderFeed(reader, site, format)));
    router.get(`/carnets/:programme/feed.${format}`, serve((req) => renderFeed(reader, site, format, param(req, "programme"))));
    router.get(
      `/carnets/:programme/themes/:theme/feed.${format}`,
      serve((req) => renderFeed(reader, site, format, param(req, "programme"), param(req, "theme"))),
    );
  }
  router.get("/carnets/:programme", serve((req) => renderProgramme(reader, site, param(req, "programme"))));
  const search = searchPage(ctx.services.search, reader, site);
  router.get("/recherche", search);
  router.get("/carnets/:programme/recherche", search);
  router.get("/carnets/:programme/themes/:theme", serve((req) => renderTheme(reader, site, param(req, "programme"), param(req, "theme"))));
  router.get("/carnets/:programme/livret", serve((req) => renderBooklet(reader, site, param(req, "programme"))));
  router.get(
    "/carnets/:programme/:episode",
    serve((req) => renderEpisodeRef(reader, site, param(req, "programme"), param(req, "episode"))),
  );
  return router;
}
