// A partner marks a draft « Relu » and withdraws it with the keyboard alone: each press swaps the button, and focus stays in the territories' section instead of falling to the page's body.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { focused, tabTo } from "./keyboard.ts";
import { assertNoViolations, editorBox, newEpisode, signedInContext, workspaceSuite } from "./workspace.ts";

describe("« Relu » with the keyboard alone", { timeout: 120_000 }, () => {
  const suite = workspaceSuite();

  test("Tab to « Marquer comme relu », Enter, then Tab to « Retirer « Relu » », Enter: focus lands on the section each time", async () => {
    const { server, browser, cast } = suite;
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "À relire");
    await server.ctx.services.episodes.transition(episode._id, "submit", cast.users.alice._id);
    const context = await signedInContext(browser, server, cast.users.chloe._id);
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}/atelier/episodes/${episode._id}`);
      await editorBox(page).waitFor({ timeout: 10_000 });
      await page.getByText(`${cast.territory.name} : pas encore relu`).waitFor({ timeout: 5_000 });

      await tabTo(page, "TEXTAREA Commentaire pour l'équipe (facultatif)");
      await page.keyboard.type("Rien à redire.");
      await tabTo(page, "BUTTON Marquer comme relu");
      await page.keyboard.press("Enter");
      await page.getByRole("status").getByText(`Marqué comme relu pour ${cast.territory.name}.`).waitFor({ timeout: 5_000 });
      await page.waitForFunction(() => document.activeElement !== document.body, undefined, { timeout: 5_000 });
      assert.equal(await focused(page), "H2 Relecture des territoires");

      await tabTo(page, "BUTTON Retirer « Relu »");
      await page.keyboard.press("Enter");
      await page.getByRole("status").getByText("La marque « Relu » est retirée.").waitFor({ timeout: 5_000 });
      await page.waitForFunction(() => document.activeElement !== document.body, undefined, { timeout: 5_000 });
      assert.equal(await focused(page), "H2 Relecture des territoires");
      await assertNoViolations(page, "relecture des territoires au clavier");
    } finally {
      await context.close();
    }
  });
});
