// The editor's side tools in a browser: restoring a revision while another editor is connected, inserting an image.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import sharp from "sharp";
import { count, editorBox, linkState, newEpisode, openEpisode, signedInContext, storedText, typeAtEnd, workspaceSuite } from "./workspace.ts";

describe("workspace: revisions and images", { timeout: 120_000 }, () => {
  const suite = workspaceSuite();

  test("restoring a revision from the side panel brings both connected editors to its text, once", async () => {
    const { server, browser, cast } = suite;
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "Restauration");
    const contextA = await signedInContext(browser, server, cast.users.alice._id);
    const contextB = await signedInContext(browser, server, cast.users.bruno._id);
    try {
      const a = await contextA.newPage();
      await openEpisode(a, server, episode._id);
      await typeAtEnd(a, "Texte de la version publiée.");
      await linkState(a, "saved");
      await server.ctx.services.episodes.transition(episode._id, "publish", cast.users.alice._id);
      await a.reload();
      await linkState(a, "saved");
      await typeAtEnd(a, " Ajout après publication.");
      await linkState(a, "saved");

      const b = await contextB.newPage();
      await openEpisode(b, server, episode._id);
      await editorBox(b).getByText("Ajout après publication.", { exact: false }).waitFor({ timeout: 5_000 });
      await a.locator(".presence .peer", { hasText: "Bruno Keller" }).waitFor({ timeout: 5_000 });

      await a.getByRole("button", { name: "Restaurer 1" }).click();
      const dialog = a.getByRole("dialog", { name: "Restaurer une révision" });
      await dialog.getByRole("button", { name: "Restaurer" }).click();
      await a.getByRole("status").getByText("Révision restaurée dans le brouillon.").waitFor({ timeout: 5_000 });

      for (const page of [a, b]) {
        const box = editorBox(page);
        await box.getByText("Texte de la version publiée.", { exact: true }).waitFor({ timeout: 5_000 });
        await page.waitForFunction(
          (label) => !document.querySelector(`[aria-label="${label}"]`)?.textContent?.includes("Ajout après"),
          "Contenu de l'épisode",
          { timeout: 5_000 },
        );
        assert.equal(count((await box.textContent()) ?? "", "Texte de la version publiée."), 1);
      }
      // The restore is a change like any other: typing goes on from the restored text, for both.
      await typeAtEnd(b, " Suite de Bruno.");
      await editorBox(a).getByText("Suite de Bruno.", { exact: false }).waitFor({ timeout: 5_000 });
      await linkState(b, "saved");
      assert.equal(await storedText(server.ctx, episode._id), "Texte de la version publiée. Suite de Bruno.");
    } finally {
      await Promise.all([contextA.close(), contextB.close()]);
    }
  });

  test("an image goes in through the dialog only with its alternative text, and reaches the public page", async () => {
    const { server, browser, cast } = suite;
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "Le plateau-repas");
    const context = await signedInContext(browser, server, cast.users.alice._id);
    const alt = "Un plateau-repas de cantine, vu de dessus";
    try {
      const page = await context.newPage();
      await openEpisode(page, server, episode._id);
      await typeAtEnd(page, "Voici le plateau.");
      await linkState(page, "saved");

      await page.getByRole("button", { name: "Image" }).click();
      const dialog = page.getByRole("dialog", { name: "Insérer une image" });
      const png = await sharp({ create: { width: 320, height: 200, channels: 3, background: "#d97706" } }).png().toBuffer();
      await dialog.getByLabel("Fichier image").setInputFiles({ name: "plateau.png", mimeType: "image/png", buffer: png });
      await dialog.getByRole("button", { name: "Insérer" }).click();
      await dialog.getByRole("alert").getByText("Le texte alternatif est obligatoire.").waitFor({ timeout: 5_000 });
      assert.equal(await editorBox(page).locator("img").count(), 0, "no image without its alternative text");

      await dialog.getByLabel("Texte alternatif").fill(alt);
      await dialog.getByRole("button", { name: "Insérer" }).click();
      await dialog.waitFor({ state: "detached", timeout: 10_000 });
      const inEditor = editorBox(page).getByRole("img", { name: alt });
      await inEditor.waitFor({ timeout: 5_000 });
      assert.match((await inEditor.getAttribute("src")) ?? "", /^\/media\//);
      await linkState(page, "saved");

      await page.getByRole("button", { name: "Publier" }).click();
      const publish = page.getByRole("dialog", { name: "Publier l'épisode" });
      await publish.getByText(/recevra le numéro #\d+/).waitFor({ timeout: 5_000 });
      await publish.getByRole("button", { name: "Publier" }).click();
      await page.locator(".badge.published").waitFor({ timeout: 5_000 });
      const number = (await server.ctx.repos.episodes.byId(episode._id))!.number;

      const response = await page.goto(`${server.origin}/carnets/${cast.programme.slug}/${number}`);
      assert.equal(response?.status(), 200);
      const onPage = page.getByRole("img", { name: alt });
      await onPage.waitFor({ timeout: 5_000 });
      assert.equal(await onPage.getAttribute("alt"), alt);
      const loaded = await onPage.evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth));
      assert.ok(loaded > 0, "the public page's image loads");
    } finally {
      await context.close();
    }
  });
});
