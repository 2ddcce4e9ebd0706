// A partner reviews with the keyboard alone: a comment on a passage, then « Relu » marked and withdrawn; after each step focus lands on what it changed, never on the page's body.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { focused, tabTo } from "./keyboard.ts";
import { thread } from "./reviewPage.ts";
import { assertNoViolations, editorBox, linkState, newEpisode, openEpisode, signedInContext, typeAtEnd, workspaceSuite } from "./workspace.ts";

describe("review with the keyboard alone", { timeout: 120_000 }, () => {
  const suite = workspaceSuite();

  test("a comment on a passage: Tab to the text, Shift+arrows, Ctrl+Alt+M, type, Tab, Enter; focus lands on the new thread", async () => {
    const { server, browser, cast } = suite;
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "À commenter");
    const editor = await signedInContext(browser, server, cast.users.alice._id);
    const context = await signedInContext(browser, server, cast.users.chloe._id);
    try {
      const writing = await editor.newPage();
      await openEpisode(writing, server, episode._id);
      await typeAtEnd(writing, "Le marché est attribué en mars.");
      await linkState(writing, "saved");
      await server.ctx.services.episodes.transition(episode._id, "submit", cast.users.alice._id);
      const page = await context.newPage();
      await page.goto(`${server.origin}/atelier/episodes/${episode._id}`);
      await editorBox(page).getByText("Le marché est attribué en mars.").waitFor({ timeout: 10_000 });
      await tabTo(page, "DIV Contenu de l'épisode");
      for (let i = 0; i < "Le marché".length; i++) await page.keyboard.press("Shift+ArrowRight");
      await page.keyboard.press("Control+Alt+KeyM");
      await page.waitForFunction(() => document.activeElement?.id === "review-new-body", undefined, { timeout: 5_000 });
      await page.keyboard.type("Lequel ?");
      await tabTo(page, "BUTTON Publier le commentaire");
      await page.keyboard.press("Enter");
      await thread(page, "Lequel ?").waitFor({ timeout: 5_000 });
      await page.waitForFunction(() => document.activeElement?.classList.contains("review-thread") ?? false, undefined, { timeout: 5_000 });
      assert.ok(await thread(page, "Lequel ?").evaluate((card) => card === document.activeElement), "focus is on the new thread");
      await page.keyboard.press("Tab");
      assert.equal(await focused(page), "TEXTAREA Répondre à Chloé Roux");
      await assertNoViolations(page, "fil ouvert au clavier");
    } finally {
      await Promise.all([editor.close(), context.close()]);
    }
  });

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
