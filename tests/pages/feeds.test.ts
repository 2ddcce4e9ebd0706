// Feeds: Atom and RSS read by two independent parsers, JSON Feed 1.1 shape, well-formed XML, "#N" titles.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import Parser from "rss-parser";
import type { Episode, Programme } from "../../server/domain/types.ts";
import { buildEpisodeRecord, buildProgramme, buildPublishedEpisode, buildUser } from "../helpers/factories.ts";
import { feedparse, xmlElements as assertWellFormed } from "../helpers/feeds.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

let server: TestServer;
let programme: Programme;
let episodes: Episode[];
const get = async (path: string) => {
  const res = await fetch(server.url + path);
  assert.equal(res.status, 200, path);
  return { res, body: await res.text() };
};

before(async () => {
  server = await startTestServer();
  const ctx = server.ctx;
  const author = await buildUser(ctx, { name: "Chloé Auteur" });
  programme = await buildProgramme(ctx, { slug: "mobilites", title: "Mobilités & territoires", tagline: "Se déplacer autrement" });
  const other = await buildProgramme(ctx, { slug: "ecoles", title: "Écoles" });
  episodes = [];
  for (const [i, title] of ["Le terrain", "Premiers entretiens", "En route vers les tests"].entries()) {
    const { episode } = await buildPublishedEpisode(ctx, programme._id, {
      title,
      slug: `episode-${i + 1}`,
      summary: `Résumé ${i + 1} avec <chevrons> & esperluette`,
      html: `<p>Corps ${i + 1} avec <a href="/carnets/mobilites">un lien</a> et ]]&gt; une fin de CDATA.</p>`,
      authorIds: [author._id],
      publishedAt: new Date(Date.UTC(2024, i, 10)),
    });
    episodes.push(episode);
  }
  await buildPublishedEpisode(ctx, other._id, { title: "Cour d'école", slug: "cour", publishedAt: new Date(Date.UTC(2024, 5, 1)) });
  await buildEpisodeRecord(ctx, programme._id, { title: "Brouillon caché", slug: "brouillon" });
});

after(async () => {
  await server.close();
});

describe("feeds", () => {
  it("Atom 1.0 is well-formed and read alike by rss-parser and feedparser", async () => {
    const { res, body } = await get("/carnets/mobilites/feed.atom");
    assert.match(res.headers.get("content-type")!, /^application\/atom\+xml/);
    assertWellFormed(body, "atom");
    const a = await new Parser().parseString(body);
    const b = await feedparse(body);
    assert.equal(b.meta["#type"], "atom");
    assert.equal(a.title, "Mobilités & territoires");
    assert.equal(b.meta.title, "Mobilités & territoires");
    assert.deepEqual(
      a.items.map((i) => i.title),
      ["#3 : En route vers les tests", "#2 : Premiers entretiens", "#1 : Le terrain"],
    );
    assert.deepEqual(
      b.items.map((i) => i.title),
      a.items.map((i) => i.title),
    );
    assert.equal(a.items[0]!.link, "http://carnet.test/carnets/mobilites/3-episode-3");
    assert.match(a.items[0]!.id!, /^tag:carnet\.test,2024-03-10:episode\/[0-9a-f]+$/);
    assert.equal(b.items[0]!.guid, a.items[0]!.id);
    // Full content, with links made absolute for feed readers.
    assert.match(b.items[0]!.description, /Corps 3 avec <a href="http:\/\/carnet.test\/carnets\/mobilites">un lien<\/a>/);
    assert.equal(b.items[0]!.date?.toISOString(), "2024-03-10T00:00:00.000Z");
    assert.equal(b.items[0]!.author, "Chloé Auteur");
    assert.doesNotMatch(body, /Brouillon caché/);
  });

  it("RSS 2.0 is well-formed and read alike by rss-parser and feedparser", async () => {
    const { res, body } = await get("/carnets/mobilites/feed.rss");
    assert.match(res.headers.get("content-type")!, /^application\/rss\+xml/);
    assertWellFormed(body, "rss");
    const a = await new Parser().parseString(body);
    const b = await feedparse(body);
    assert.equal(b.meta["#type"], "rss");
    assert.equal(a.items.length, 3);
    assert.deepEqual(
      b.items.map((i) => i.title),
      ["#3 : En route vers les tests", "#2 : Premiers entretiens", "#1 : Le terrain"],
    );
    assert.equal(a.items[2]!.title, "#1 : Le terrain");
    assert.match(a.items[0]!["content:encoded"] as string, /Corps 3/);
    assert.equal(a.items[0]!.guid, (await new Parser().parseURL(`${server.url}/carnets/mobilites/feed.atom`)).items[0]!.id);
    assert.equal(new Date(a.items[0]!.pubDate!).toISOString(), "2024-03-10T00:00:00.000Z");
  });

  it("JSON Feed 1.1 has the required shape", async () => {
    const { res, body } = await get("/carnets/mobilites/feed.json");
    assert.match(res.headers.get("content-type")!, /^application\/feed\+json/);
    const feed = JSON.parse(body);
    assert.equal(feed.version, "https://jsonfeed.org/version/1.1");
    assert.equal(typeof feed.title, "string");
    assert.equal(feed.home_page_url, "http://carnet.test/carnets/mobilites");
    assert.equal(feed.feed_url, "http://carnet.test/carnets/mobilites/feed.json");
    assert.equal(feed.language, "fr");
    assert.ok(Array.isArray(feed.items) && feed.items.length === 3);
    const ids = new Set<string>();
    for (const item of feed.items) {
      assert.equal(typeof item.id, "string");
      assert.ok(item.id.length > 0 && !ids.has(item.id), "ids are unique strings");
      ids.add(item.id);
      assert.ok(typeof item.content_html === "string" || typeof item.content_text === "string");
      assert.match(item.title, /^#\d+ : /);
      assert.ok(!Number.isNaN(Date.parse(item.date_published)));
      assert.ok(!Number.isNaN(Date.parse(item.date_modified)));
      assert.ok(URL.canParse(item.url));
      assert.deepEqual(item.authors, [{ name: "Chloé Auteur" }]);
      assert.equal(item.author, undefined, "1.1 uses authors, not author");
    }
    assert.equal(feed.items[0].summary, "Résumé 3 avec <chevrons> & esperluette");
  });

  it("ids stay the same when an episode changes its slug and title", async () => {
    const before = JSON.parse((await get("/carnets/mobilites/feed.json")).body).items[2].id;
    const episode = episodes[0]!;
    const { buildRevision } = await import("../helpers/factories.ts");
    await buildRevision(server.ctx, episode, { title: "Le terrain, revu", slug: "terrain-revu" });
    const items = JSON.parse((await get("/carnets/mobilites/feed.json")).body).items;
    const same = items.find((i: { id: string }) => i.id === before);
    assert.ok(same, "the id survives");
    assert.equal(same.title, "#1 : Le terrain, revu");
    assert.equal(same.url, "http://carnet.test/carnets/mobilites/1-terrain-revu");
  });

  it("the feeds of every programme mix journals, newest first, and pages announce their feeds", async () => {
    for (const format of ["atom", "rss"] as const) {
      const { body } = await get(`/feed.${format}`);
      assertWellFormed(body, format);
      const parsed = await new Parser().parseString(body);
      assert.deepEqual(
        parsed.items.map((i) => i.title),
        ["#1 : Cour d'école", "#3 : En route vers les tests", "#2 : Premiers entretiens", "#1 : Le terrain, revu"],
      );
      assert.equal((await feedparse(body)).items.length, 4);
    }
    const json = JSON.parse((await get("/feed.json")).body);
    assert.equal(json.items.length, 4);
    const home = (await get("/")).body;
    assert.match(home, /<link rel="alternate" type="application\/atom\+xml"[^>]*href="\/feed.atom">/);
    assert.match(home, /<link rel="alternate" type="application\/feed\+json"[^>]*href="\/feed.json">/);
  });

  it("the sitemap is well-formed and lists the home page, each programme and each published episode", async () => {
    const { res, body } = await get("/sitemap.xml");
    assert.match(res.headers.get("content-type")!, /^application\/xml/);
    assertWellFormed(body, "sitemap");
    const locs = [...body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    assert.ok(locs.includes("http://carnet.test/"));
    assert.ok(locs.includes("http://carnet.test/carnets/mobilites"));
    assert.ok(locs.includes("http://carnet.test/carnets/ecoles"));
    assert.ok(locs.includes("http://carnet.test/carnets/mobilites/3-episode-3"));
    assert.ok(locs.includes("http://carnet.test/carnets/ecoles/1-cour"));
    assert.equal(locs.filter((l) => l?.includes("/carnets/mobilites/")).length, 3);
  });
});
