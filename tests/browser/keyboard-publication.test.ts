// Submitting and publishing with the keyboard alone: closing a dialog gives focus back to its button, and a step that replaces the buttons leaves focus in the publication panel, never on the page's body.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { focused, tabTo } from "./keyboard.ts";
import { assertNoViolations, editorBox, linkState, newEpisode, openEpisode, signedInContext, workspaceSuite } from "./workspace.ts";

describe("publication with the keyboard alone", { timeout: 120_000 }, () => {
  const suite = workspaceSuite();

  test("submit for review, open and leave the publish dialog, publish: focus always lands somewhere the person can go on from", async () => {
    const { server, browser, cast } = suite;
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "Au clavier");
    const context = await signedInContext(browser, server, cast.users.alice._id);
    try {
      const page = await context.newPage();
      await openEpisode(page, server, episode._id);
      await editorBox(page).focus();
      await page.keyboard.type("Un texte écrit sans souris.");
      await linkState(page, "saved");

      // « Soumettre en relecture » replaces itself with « Repasser en brouillon »: focus stays in the panel.
      await tabTo(page, "BUTTON Soumettre en relecture");
      await page.keyboard.press("Enter");
      await page.locator(".badge.review").waitFor({ timeout: 5_000 });
      await page.waitForFunction(() => document.activeElement !== document.body, undefined, { timeout: 5_000 });
      assert.equal(await focused(page), "H2 Publication");

      // Escape closes the publish dialog and gives focus back to « Publier ».
      await tabTo(page, "BUTTON Publier");
      await page.keyboard.press("Enter");
      const dialog = page.getByRole("dialog", { name: "Publier l'épisode" });
      await dialog.getByText("Cet épisode recevra le numéro #1.").waitFor();
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
      assert.equal(await focused(page), "BUTTON Publier");

      // Publishing replaces « Publier » with « Mettre à jour »: focus lands on the panel, then Tab reaches the new buttons.
      await page.keyboard.press("Enter");
      await dialog.getByText("Cet épisode recevra le numéro #1.").waitFor();
      await tabTo(page, "BUTTON Publier");
      assert.ok(await dialog.evaluate((d) => d.contains(document.activeElement)), "the dialog's own « Publier »");
      await page.keyboard.press("Enter");
      await page.getByRole("status").getByText("Épisode publié : numéro #1.").waitFor({ timeout: 10_000 });
      await page.waitForFunction(() => document.activeElement !== document.body, undefined, { timeout: 5_000 });
      assert.equal(await focused(page), "H2 Publication");
      await page.keyboard.press("Tab");
      assert.equal(await focused(page), "BUTTON Mettre à jour");
      await assertNoViolations(page, "panneau de publication après publication au clavier");
    } finally {
      await context.close();
    }
  });
});
