// Validators and revalidation of public responses (ETag, Last-Modified, 304), and invalidation on publication.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Programme, User } from "../../server/domain/types.ts";
import { buildMembership, buildProgramme, buildPublishedEpisode, buildUser } from "../helpers/factories.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

let server: TestServer;
let programme: Programme;
let editor: User;
// fetch() adds "Cache-Control: no-cache" to conditional requests unless one is given, and no-cache forbids a 304.
const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(server.url + path, { headers: { "cache-control": "max-age=0", ...headers }, redirect: "manual" });

before(async () => {
  server = await startTestServer();
  programme = await buildProgramme(server.ctx, { slug: "cache", title: "Programme en cache" });
  editor = await buildUser(server.ctx, { name: "Édith Éditrice" });
  await buildMembership(server.ctx, editor._id, programme._id, "editor");
  await buildPublishedEpisode(server.ctx, programme._id, { title: "Premier", slug: "premier" });
});

after(async () => {
  await server.close();
});

describe("public caching", () => {
  it("pages and feeds carry ETag, Last-Modified and a short public Cache-Control", async () => {
    for (const path of ["/", "/carnets/cache", "/carnets/cache/1-premier", "/carnets/cache/feed.atom", "/feed.json", "/sitemap.xml"]) {
      const res = await get(path);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get("etag") ?? "", /^"[^"]+"$/, `${path} has a strong ETag`);
      // Pages with a filled slot (comments, subscription form) leave revalidation to the ETag alone.
      if (path.includes("feed") || path.endsWith(".xml")) assert.ok(res.headers.get("last-modified"), `${path} has Last-Modified`);
      assert.equal(res.headers.get("cache-control"), "public, max-age=60, must-revalidate", path);
    }
  });

  it("answers 304 to If-None-Match and If-Modified-Since, and 200 when stale", async () => {
    const first = await get("/carnets/cache");
    const etag = first.headers.get("etag")!;
    const byTag = await get("/carnets/cache", { "if-none-match": etag });
    assert.equal(byTag.status, 304);
    assert.equal(await byTag.text(), "");
    assert.equal((await get("/carnets/cache", { "if-none-match": '"autre"' })).status, 200);
    const feed = await get("/carnets/cache/feed.atom");
    const lastModified = feed.headers.get("last-modified")!;
    assert.equal((await get("/carnets/cache/feed.atom", { "if-none-match": feed.headers.get("etag")! })).status, 304);
    assert.equal((await get("/carnets/cache/feed.atom", { "if-modified-since": lastModified })).status, 304);
    const older = new Date(Date.parse(lastModified) - 60_000).toUTCString();
    assert.equal((await get("/carnets/cache/feed.atom", { "if-modified-since": older })).status, 200);
    const episode = await get("/carnets/cache/1-premier");
    assert.equal((await get("/carnets/cache/1-premier", { "if-none-match": episode.headers.get("etag")! })).status, 304);
  });

  it("a new publication changes the ETag and the page at once", async () => {
    const before = await get("/carnets/cache");
    const etag = before.headers.get("etag")!;
    await buildPublishedEpisode(server.ctx, programme._id, { title: "Deuxième", slug: "deuxieme" });
    const afterPublish = await get("/carnets/cache", { "if-none-match": etag });
    assert.equal(afterPublish.status, 200);
    assert.notEqual(afterPublish.headers.get("etag"), etag);
    assert.match(await afterPublish.text(), /#2 : Deuxième/);
  });

  it("through the publish service: published, then draft edits stay private, then unpublished", async () => {
    const ctx = server.ctx;
    const draft = await ctx.services.episodes.create({ programmeId: programme._id, title: "Par le service", summary: "Chapô publié", createdBy: editor._id });
    assert.equal((await get(`/carnets/cache/${draft.slug}`)).status, 404);
    const published = await ctx.services.episodes.transition(draft._id, "publish", editor._id);
    const path = `/carnets/cache/${published.number}-${published.slug}`;
    const page = await (await get(path)).text();
    assert.match(page, new RegExp(`#${published.number} : Par le service`));
    assert.match(page, /Chapô publié/);
    assert.match(page, /Édith Éditrice/);
    assert.match(await (await get("/carnets/cache/feed.rss")).text(), /Par le service/);
    await ctx.services.episodes.update(published, { title: "Titre du brouillon suivant", summary: "Chapô non publié" });
    const still = await (await get(path)).text();
    assert.doesNotMatch(still, /Titre du brouillon suivant|Chapô non publié/);
    await ctx.services.episodes.transition(draft._id, "unpublish", editor._id);
    assert.equal((await get(path)).status, 404);
    assert.doesNotMatch(await (await get("/carnets/cache")).text(), /Par le service/);
    assert.doesNotMatch(await (await get("/feed.atom")).text(), /Par le service/);
  });
});
