// Typing habits in the editor, in a browser: Markdown shortcuts become our block and inline formats; Ctrl+K opens the link dialog.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { renderBody } from "../../server/services/render.ts";
import { episodeRoom } from "../../collab/schema/nodes.ts";
import { editorBox, linkState, newEpisode, openEpisode, signedInContext, typeAtEnd, workspaceSuite } from "./workspace.ts";

describe("editor: Markdown shortcuts and Ctrl+K", { timeout: 120_000 }, () => {
  const suite = workspaceSuite();

  test("#, ##, -, 1., >, ** and _ typed at the keyboard become title, sub-title, lists, quote, bold and italic, saved as such", async () => {
    const { server, browser, cast } = suite;
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.bruno._id, "Raccourcis");
    const context = await signedInContext(browser, server, cast.users.bruno._id);
    try {
      const page = await context.newPage();
      await openEpisode(page, server, episode._id);
      const box = editorBox(page);
      await typeAtEnd(page, "# Le terrain");
      await page.keyboard.press("Enter");
      await page.keyboard.type("## La cantine");
      await page.keyboard.press("Enter");
      await page.keyboard.type("- pain");
      await page.keyboard.press("Enter");
      await page.keyboard.type("fromage");
      await page.keyboard.press("Enter");
      await page.keyboard.press("Enter");
      await page.keyboard.type("1. entrée");
      await page.keyboard.press("Enter");
      await page.keyboard.press("Enter");
      await page.keyboard.type("> Manger local");
      await page.keyboard.press("Enter");
      await page.keyboard.press("Enter");
      await page.keyboard.type("Un repas **copieux** et _frais_ ici");

      await box.locator("h2", { hasText: "Le terrain" }).waitFor();
      await box.locator("h3", { hasText: "La cantine" }).waitFor();
      await box.locator("ul li", { hasText: "fromage" }).waitFor();
      await box.locator("ol li", { hasText: "entrée" }).waitFor();
      await box.locator("blockquote", { hasText: "Manger local" }).waitFor();
      await box.locator(".ed-bold", { hasText: "copieux" }).waitFor();
      await box.locator(".ed-italic", { hasText: "frais" }).waitFor();
      assert.equal(await box.getByText(/[#*_>]/).count(), 0, "no Markdown mark is left in the text");
      await linkState(page, "saved");

      const { html } = renderBody((await server.ctx.repos.docs.load(episodeRoom(episode._id))).update);
      for (const fragment of ["<h2>Le terrain</h2>", "<h3>La cantine</h3>", "<ul>", "<ol>", "<blockquote>", "<strong>copieux</strong>", "<em>frais</em>"])
        assert.ok(html.includes(fragment), `${fragment} dans ${html}`);
    } finally {
      await context.close();
    }
  });

  test("Ctrl+K on selected words opens the link dialog and links them", async () => {
    const { server, browser, cast } = suite;
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.bruno._id, "Lien au clavier");
    const context = await signedInContext(browser, server, cast.users.bruno._id);
    try {
      const page = await context.newPage();
      await openEpisode(page, server, episode._id);
      await typeAtEnd(page, "Le rapport de l'Ademe");
      await page.keyboard.press("Shift+Home");
      await page.keyboard.press("Control+k");
      const dialog = page.getByRole("dialog", { name: "Ajouter un lien" });
      await dialog.getByLabel("Adresse du lien").fill("https://www.ademe.fr/");
      await dialog.getByRole("button", { name: "Ajouter le lien" }).click();
      await dialog.waitFor({ state: "detached" });
      const link = editorBox(page).getByRole("link", { name: "Le rapport de l'Ademe" });
      await link.waitFor();
      assert.equal(await link.getAttribute("href"), "https://www.ademe.fr/");
    } finally {
      await context.close();
    }
  });
});
