// In Chromium: home, journal and episode pages pass axe-core with no violation and request only their own origin.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import AxeBuilder from "@axe-core/playwright";
import type { Browser } from "playwright-core";
import { buildProgramme, buildPublishedEpisode, buildTerritory, buildUser } from "../helpers/factories.ts";
import { launchBrowser, recordRequests } from "../helpers/browser.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

let server: TestServer;
let browser: Browser;
let episodePath = "";

before(async () => {
  server = await startTestServer({ realOrigin: true });
  browser = await launchBrowser();
  const ctx = server.ctx;
  const territory = await buildTerritory(ctx, { name: "Département de la Gironde", kind: "departement" });
  const author = await buildUser(ctx, { name: "Inès Autrice", affiliation: { kind: "territory", territoryId: territory._id } });
  const programme = await buildProgramme(ctx, {
    slug: "sobriete",
    title: "Sobriété foncière",
    tagline: "Construire sans artificialiser",
    territoryIds: [territory._id],
    funders: ["Fondation exemple"],
    resources: [{ label: "Synthèse", url: "https://example.org/synthese.pdf" }],
    contactEmail: "equipe@example.org",
  });
  await buildProgramme(ctx, { slug: "prepa", title: "Un programme en préparation", status: "preparing" });
  await buildPublishedEpisode(ctx, programme._id, { title: "Le terrain", slug: "le-terrain", summary: "Premier épisode.", authorIds: [author._id] });
  const { episode } = await buildPublishedEpisode(ctx, programme._id, {
    title: "En route vers les tests",
    slug: "en-route",
    summary: "Où l'on teste.",
    authorIds: [author._id],
    html: '<h2>Ce que nous avons vu</h2><p>Un paragraphe avec <a href="https://example.org/">un lien externe</a>.</p><ul><li>un</li><li>deux</li></ul><h3>Détail</h3><blockquote><p>Une citation.</p></blockquote>',
  });
  await buildPublishedEpisode(ctx, programme._id, { title: "Troisième", slug: "troisieme", authorIds: [author._id] });
  episodePath = `/carnets/sobriete/${episode.number}-en-route`;
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function check(path: string): Promise<void> {
  const context = await browser.newContext();
  const requests = recordRequests(context);
  const page = await context.newPage();
  try {
    const response = await page.goto(server.url + path, { waitUntil: "load" });
    assert.equal(response?.status(), 200, path);
    assert.equal(await page.locator("h1").count(), 1, `${path}: one h1`);
    assert.equal(await page.getAttribute("html", "lang"), "fr");
    const results = await new AxeBuilder({ page }).analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    assert.ok(results.passes.length > 0, "axe-core ran its rules");
    assert.deepEqual(summary, [], `${path}: axe-core violations`);
    const origin = new URL(server.url).origin;
    assert.ok(requests.some((url) => url.endsWith("/assets/site.css")), "the stylesheet was requested");
    const foreign = requests.filter((url) => new URL(url).origin !== origin);
    assert.deepEqual(foreign, [], `${path}: requests to another origin`);
  } finally {
    await context.close();
  }
}

describe("public pages in Chromium", () => {
  it("home page", async () => {
    await check("/");
  });
  it("programme page", async () => {
    await check("/carnets/sobriete");
  });
  it("episode page", async () => {
    await check(episodePath);
  });
  it("the stylesheet applies, and the skip link is the first focus stop", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(server.url + episodePath);
      const background = await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")!).backgroundColor);
      assert.equal(background, "rgb(29, 53, 87)");
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement?.className), "skip");
    } finally {
      await page.close();
    }
  });
});
