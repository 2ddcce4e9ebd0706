// In Chromium: the search page passes axe; the booklet's contents lead to each episode, print media hides the screen-only parts and shows link addresses, axe finds nothing.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { buildProgramme, buildPublishedEpisode, buildTerritory, buildUser } from "../helpers/factories.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { assertNoViolations } from "./workspace.ts";

describe("the booklet and the search page", { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    server = await startTestServer({ realOrigin: true });
    browser = await launchBrowser();
    const ctx = server.ctx;
    const territory = await buildTerritory(ctx, { name: "Ville de Grenoble", kind: "commune" });
    const author = await buildUser(ctx, { name: "Inès Autrice" });
    const programme = await buildProgramme(ctx, {
      slug: "nouvelles-mesures",
      title: "Nouvelles Mesures",
      tagline: "Des outils de gestion écologique",
      territoryIds: [territory._id],
      funders: ["Fondation de France"],
      contactEmail: "equipe@example.org",
    });
    for (const [i, title] of ["Rappel des épisodes précédents", "Le choix du secteur culturel", "Instantanés d'enquête"].entries()) {
      await buildPublishedEpisode(ctx, programme._id, {
        title,
        slug: `episode-${i + 1}`,
        summary: `Résumé ${i + 1}.`,
        authorIds: [author._id],
        html: `<h2>Partie ${i + 1}</h2><p>Un texte avec <a href="https://example.org/source-${i + 1}">une source</a>.</p>`,
      });
    }
    page = await (await browser.newContext({ locale: "fr-FR" })).newPage();
    await page.goto(`${server.origin}/carnets/nouvelles-mesures/livret`);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("has a cover with the programme's facts and a table of contents by number, in order", async () => {
    await page.getByRole("heading", { level: 1, name: "Nouvelles Mesures" }).waitFor();
    const cover = page.locator(".booklet-cover");
    for (const fact of ["Ville de Grenoble", "Fondation de France", "En cours", "equipe@example.org"]) {
      assert.ok((await cover.textContent())?.includes(fact), fact);
    }
    const toc = page.getByRole("navigation", { name: "Sommaire" }).getByRole("link");
    assert.deepEqual(await toc.allTextContents(), [
      "#1 : Rappel des épisodes précédents",
      "#2 : Le choix du secteur culturel",
      "#3 : Instantanés d'enquête",
    ]);
  });

  it("leads from each contents entry to its episode", async () => {
    for (const n of [3, 1, 2]) {
      await page.getByRole("navigation", { name: "Sommaire" }).getByRole("link").nth(n - 1).click();
      await page.waitForURL(new RegExp(`#episode-${n}$`));
      const target = page.locator(`#episode-${n}`);
      assert.equal(await target.getByRole("heading", { level: 2 }).first().textContent(), await page.getByRole("navigation", { name: "Sommaire" }).getByRole("link").nth(n - 1).textContent());
      assert.ok(await target.isVisible());
    }
  });

  it("prints without navigation, with link addresses and a page per episode", async () => {
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator(".site-header").isVisible(), false);
    assert.equal(await page.locator(".site-footer").isVisible(), false);
    const after = await page.locator(".prose a").first().evaluate((a) => getComputedStyle(a, "::after").content);
    assert.equal(after, '" (https://example.org/source-1)"');
    const breaks = await page.locator(".booklet-episode").evaluateAll((els) => els.map((e) => getComputedStyle(e).breakBefore));
    assert.deepEqual(breaks, ["page", "page", "page"]);
    await assertNoViolations(page, "livret (impression)");
    await page.emulateMedia({ media: "screen" });
    assert.equal(await page.locator(".site-header").isVisible(), true);
    await assertNoViolations(page, "livret");
  });

  it("search: from the header box to highlighted results, without axe violations", async () => {
    const search = await page.context().newPage();
    await search.goto(`${server.origin}/carnets/nouvelles-mesures`);
    await search.getByRole("search", { name: "Recherche rapide" }).getByLabel("Rechercher dans les carnets").fill("enquêtes");
    await search.keyboard.press("Enter");
    await search.waitForURL(/\/recherche\?q=/);
    assert.equal(await search.getByRole("status").textContent(), "1 résultat pour « enquêtes ».");
    assert.equal(await search.locator(".search-result mark").first().textContent(), "enquête");
    await assertNoViolations(search, "recherche");
  });

  it("an episode page prints without navigation, with its link addresses", async () => {
    const episode = await page.context().newPage();
    await episode.goto(`${server.origin}/carnets/nouvelles-mesures/2-episode-2`);
    await episode.emulateMedia({ media: "print" });
    for (const selector of [".site-header", ".breadcrumb", ".neighbours", ".follow", ".site-footer"]) {
      assert.equal(await episode.locator(selector).first().isVisible(), false, selector);
    }
    const after = await episode.locator(".prose a").first().evaluate((a) => getComputedStyle(a, "::after").content);
    assert.equal(after, '" (https://example.org/source-2)"');
    assert.ok(await episode.getByRole("heading", { level: 1 }).isVisible());
    await assertNoViolations(episode, "épisode (impression)");
  });
});
