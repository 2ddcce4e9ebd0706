// Typing habits in the editor, in a browser: Markdown shortcuts become our block and inline formats; Ctrl+K opens the link dialog; image captions reach the public page and feeds.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import sharp from "sharp";
import { feedPath } from "../../server/pages/urls.ts";
import { renderBody } from "../../server/services/render.ts";
import { episodeRoom } from "../../collab/schema/nodes.ts";
import { assertNoViolations, editorBox, linkState, newEpisode, openEpisode, signedInContext, typeAtEnd, workspaceSuite } from "./workspace.ts";

describe("editor: Markdown shortcuts, Ctrl+K and captions", { timeout: 120_000 }, () => {
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

  test("an image inserted with a caption shows as figure and figcaption on the public page and in the feed", async () => {
    const { server, browser, cast } = suite;
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.bruno._id, "Légendes");
    const context = await signedInContext(browser, server, cast.users.bruno._id);
    const alt = "Des bacs de compost derrière la cantine";
    const caption = "Les bacs de compost, photo Bruno Keller";
    try {
      const page = await context.newPage();
      await openEpisode(page, server, episode._id);
      await typeAtEnd(page, "Le compost.");
      await page.getByRole("button", { name: "Image" }).click();
      const dialog = page.getByRole("dialog", { name: "Insérer une image" });
      const png = await sharp({ create: { width: 200, height: 120, channels: 3, background: "#047857" } }).png().toBuffer();
      await dialog.getByLabel("Fichier image").setInputFiles({ name: "compost.png", mimeType: "image/png", buffer: png });
      await dialog.getByLabel("Texte alternatif").fill(alt);
      await dialog.getByLabel("Légende (facultative)").fill(caption);
      await assertNoViolations(page, "image avec légende");
      await dialog.getByRole("button", { name: "Insérer" }).click();
      await dialog.waitFor({ state: "detached" });
      await editorBox(page).getByText(caption).waitFor();
      await linkState(page, "saved");
      const published = await server.ctx.services.episodes.transition(episode._id, "publish", cast.users.alice._id);

      await page.goto(`${server.origin}/carnets/${cast.programme.slug}/${published.number}`);
      const figure = page.locator(".prose figure", { has: page.getByRole("img", { name: alt }) });
      assert.equal(await figure.locator("figcaption").textContent(), caption);
      await assertNoViolations(page, "page publique avec légende");
      const atom = await (await fetch(`${server.origin}${feedPath("atom", cast.programme.slug)}`)).text();
      assert.ok(atom.includes(`<figcaption>${caption}</figcaption>`), "la légende est dans le flux");
    } finally {
      await context.close();
    }
  });
});
