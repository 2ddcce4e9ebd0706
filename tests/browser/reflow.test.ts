// The public pages reflow at 320 CSS pixels (a phone, or 1280 pixels at 400 % zoom) and at 640 (200 % zoom): long addresses and words wrap instead of pushing the page sideways.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { buildProgramme, buildPublishedEpisode } from "../helpers/factories.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { assertNoViolations } from "./workspace.ts";

const LONG_URL = "https://drive.google.com/file/d/1aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcdefgh/view?usp=sharing";
const LONG_EMAIL = "equipe-nouvelles-mesures-budget-climat@la27eregion.example.org";

describe("public pages at 320 and 640 CSS pixels", { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  const pages: string[] = [];

  before(async () => {
    server = await startTestServer({ realOrigin: true });
    browser = await launchBrowser();
    const programme = await buildProgramme(server.ctx, {
      slug: "nouvelles-mesures-de-la-transition-ecologique-des-budgets-locaux",
      title: "Nouvelles Mesures",
      contactEmail: LONG_EMAIL,
      resources: [{ label: LONG_URL, url: LONG_URL }],
    });
    await buildPublishedEpisode(server.ctx, programme._id, {
      title: "Les sources",
      slug: "les-sources",
      html: `<p>Le guide est en ligne : <a href="${LONG_URL}">${LONG_URL}</a>, et l'équipe répond à ${LONG_EMAIL}.</p>`,
    });
    const base = `/carnets/${programme.slug}`;
    pages.push(base, `${base}/1-les-sources`, `${base}/livret`);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const width of [320, 640]) {
    test(`at ${width} pixels wide, nothing is wider than the window and axe finds nothing`, async () => {
      const context = await browser.newContext({ locale: "fr-FR", viewport: { width, height: 640 } });
      try {
        const page = await context.newPage();
        for (const path of pages) {
          await page.goto(`${server.origin}${path}`);
          await page.getByRole("heading", { level: 1 }).first().waitFor();
          const wider = await page.evaluate(() => {
            const edge = document.documentElement.clientWidth;
            return [...document.querySelectorAll("body *")]
              .filter((el) => el.getBoundingClientRect().right > edge + 0.5)
              .map((el) => `<${el.tagName.toLowerCase()} class="${el.className}">${(el.textContent ?? "").slice(0, 60)}`);
          });
          assert.deepEqual(wider, [], `${path} à ${width} px : éléments qui dépassent`);
          await assertNoViolations(page, `${path} à ${width} px`);
        }
      } finally {
        await context.close();
      }
    });
  }
});
