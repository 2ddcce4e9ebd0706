// In Chromium: a WordPress blog imported from the command line reads like any journal publicly, and its episodes open and edit in the atelier.
import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, describe, test } from "node:test";
import { wordpressImporterFor } from "../../server/cli/importWordpress.ts";
import { fixtureAt, type ImageServer, startImageServer } from "../helpers/wordpress.ts";
import { assertNoViolations, editorBox, linkState, openEpisode, signedInContext, storedText, typeAtEnd, workspaceSuite } from "./workspace.ts";

describe("an imported WordPress blog in a browser", { timeout: 180_000 }, () => {
  const suite = workspaceSuite();
  let images: ImageServer;
  before(async () => {
    images = await startImageServer();
    const file = fixtureAt(images.origin);
    await wordpressImporterFor(suite.server.ctx).run(suite.cast.programme, fs.createReadStream(file, { encoding: "utf8" }));
  });
  after(() => images?.close());

  test("a reader finds the imported episodes, their image, themes and comments, and nothing of the hostile post runs", async () => {
    const { server, browser, cast } = suite;
    const context = await browser.newContext({ locale: "fr-FR" });
    try {
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await page.goto(`${server.origin}/carnets/${cast.programme.slug}`);
      await page.getByRole("link", { name: /Les mesures sur le terrain/ }).first().click();
      await page.getByRole("heading", { level: 1, name: /Les mesures sur le terrain/ }).waitFor();
      await page.getByText("#3", { exact: false }).first().waitFor();
      const figure = page.getByRole("figure").filter({ hasText: "Le capteur de la rue Haute" });
      const image = figure.getByRole("img", { name: "Un capteur sur un lampadaire" });
      await image.waitFor();
      // Loaded lazily: brought into view, then waited for; a broken image never gets a width and times out here.
      await image.scrollIntoViewIfNeeded();
      await page.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, await image.elementHandle(), {
        timeout: 10_000,
      });
      await page.getByText("Ce que disent les capteurs").waitFor();
      await page.getByRole("link", { name: "Écologie" }).first().waitFor();
      await page.getByText("Passionnant ! Et la nuit, ça donne quoi ?").waitFor();
      await page.getByText("Paul & Zoé").waitFor();
      await assertNoViolations(page, "épisode importé");

      await page.goto(`${server.origin}/carnets/${cast.programme.slug}`);
      await page.getByRole("link", { name: /Un billet piégé/ }).first().click();
      await page.getByText("Texte sain après le piège.").waitFor();
      assert.equal(await page.evaluate(() => (window as unknown as { pirate?: number }).pirate), undefined);
      assert.equal(await page.locator("main iframe, main script, main svg").count(), 0);
      assert.deepEqual(dialogs, []);
      await assertNoViolations(page, "billet piégé importé");
    } finally {
      await context.close();
    }
  });

  test("an editor opens an imported episode in the atelier and writes in it", async () => {
    const { server, browser, cast } = suite;
    const episode = await server.ctx.repos.episodes.byNumber(cast.programme._id, 3);
    assert.ok(episode?.wordpressId === "11");
    const context = await signedInContext(browser, server, cast.users.bruno._id);
    try {
      const page = await context.newPage();
      await openEpisode(page, server, episode._id);
      await editorBox(page).getByText("Ce que disent les capteurs").waitFor();
      await editorBox(page).getByText("Le matin, on n'entend que les oiseaux.").waitFor();
      await editorBox(page).getByRole("img", { name: "Un capteur sur un lampadaire" }).waitFor();
      await typeAtEnd(page, " Relu après l'import.");
      await linkState(page, "saved");
      assert.match(await storedText(server.ctx, episode._id), /Relu après l'import\./);
      await assertNoViolations(page, "épisode importé dans l'atelier");
    } finally {
      await context.close();
    }
  });
});
