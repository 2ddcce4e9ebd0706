// Feeds stay well-formed XML, with titles as text, whatever a member writes: controls, "]]>", markup, "<" in labels.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import Parser from "rss-parser";
import { buildProgramme, buildPublishedEpisode, buildUser } from "../helpers/factories.ts";
import { feedparse, xmlElements } from "../helpers/feeds.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/** What a lead or editor can get into a title (documents carry titles too, so not every one passed the API's checks). */
const INJECTED = "Bilan ]]> <img src=x onerror=alert(1)> ]]> <b>gras</b> ]]> fin";
const CONTROLS = "Nul\u0000 bip\u0007 échap\u001b\ud800\uffff fin";
const PROGRAMME_TITLE = 'Écoles <script>alert("x")</script> & "cours"';

/** Every element a feed of ours may open; anything else was injected. */
const FEED_ELEMENTS = new Set(
  "feed id title updated generator link subtitle rights entry summary content author name category published rss channel description language lastBuildDate docs copyright item guid pubDate content:encoded dc:creator atom:link".split(
    " ",
  ),
);

describe("feeds against hostile content", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    const ctx = server.ctx;
    const author = await buildUser(ctx, { name: "Léa <i>Autrice</i> ]]>\u0000" });
    const programme = await buildProgramme(ctx, { slug: "ecoles", title: PROGRAMME_TITLE, tagline: "Accroche ]]> <b>\u0001", licence: "CC <BY>" });
    const common = { authorIds: [author._id], summary: `Résumé ]]> <em>x</em> ]]>\u0002`, html: "<p>Corps ]]&gt; <a title=\"]]>\">lien</a> ]]> fin</p>" };
    await buildPublishedEpisode(ctx, programme._id, { ...common, title: INJECTED, slug: "bilan", publishedAt: new Date(Date.UTC(2024, 0, 1)) });
    await buildPublishedEpisode(ctx, programme._id, { ...common, title: CONTROLS, slug: "nul", publishedAt: new Date(Date.UTC(2024, 1, 1)) });
  });
  after(async () => {
    await server.close();
  });

  for (const path of ["/feed.atom", "/feed.rss", "/carnets/ecoles/feed.atom", "/carnets/ecoles/feed.rss"]) {
    it(`${path} is well-formed, opens no injected element, and both feed parsers read the titles as written`, async () => {
      const res = await fetch(server.url + path);
      assert.equal(res.status, 200);
      const xml = await res.text();
      const injected = [...xmlElements(xml, path)].filter((name) => !FEED_ELEMENTS.has(name));
      assert.deepEqual(injected, [], `${path} opens ${injected.join(", ")}`);

      const expected = ["#2 : Nul bip échap fin", `#1 : ${INJECTED}`];
      // Titles are escaped HTML text, which both parsers hand over as such: a reader shows the decoded text.
      const a = await new Parser().parseString(xml);
      const b = await feedparse(xml);
      assert.deepEqual(
        a.items.map((i) => decodeHtmlText(i.title ?? "")),
        expected,
      );
      assert.deepEqual(
        b.items.map((i) => decodeHtmlText(i.title)),
        expected,
      );
      if (path.startsWith("/carnets")) {
        assert.equal(a.title, PROGRAMME_TITLE);
        // feedparser strips what looks like markup from the feed's title: still text, never an element.
        assert.equal(b.meta.title, 'Écoles alert("x") & "cours"');
      }
    });
  }

  it("the JSON feeds stay valid JSON with the same titles", async () => {
    for (const path of ["/feed.json", "/carnets/ecoles/feed.json"]) {
      const feed = (await (await fetch(server.url + path)).json()) as { items: { title: string }[] };
      assert.deepEqual(
        feed.items.map((i) => i.title),
        ["#2 : Nul bip échap fin", `#1 : ${INJECTED}`],
      );
    }
  });
});

/** The text an HTML title shows. */
function decodeHtmlText(html: string): string {
  return html.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
}
