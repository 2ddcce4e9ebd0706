// Proposed wordings in Chromium, an editor and a partner: propose, see the difference live, accept once for both, undo and redo, reject with a reason, publish with the territory's credit.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Page } from "playwright-core";
import { arrival, inReview, thread, waitHighlights } from "./reviewPage.ts";
import { assertNoViolations, count, editorBox, linkState, selectText, signedInContext, storedText, typeAtEnd, workspaceSuite } from "./workspace.ts";

/** The proposed texts drawn over the page's text, as a sighted reader sees them beside their passages. */
const drawn = (page: Page) => page.locator(".suggestion-insert").allTextContents();

/** Waits until the page's text reads exactly `text`. */
async function waitText(page: Page, text: string): Promise<void> {
  await page.waitForFunction((want) => document.querySelector(".editor-content")?.textContent === want, text, { timeout: 5_000 });
}

/** Puts the caret just before (ArrowLeft) or just after (ArrowRight) `passage` of the editor's text. */
async function caretBeside(page: Page, passage: string, side: "ArrowLeft" | "ArrowRight"): Promise<void> {
  await selectText(page, passage);
  await page.keyboard.press(side);
}

describe("proposed wordings, in a browser", { timeout: 240_000 }, () => {
  const suite = workspaceSuite();

  async function pageAs(userId: string): Promise<Page> {
    return await (await signedInContext(suite.browser, suite.server, userId)).newPage();
  }

  test("a partner proposes a sentence; the editor accepts it once for both, undoes and redoes it, rejects another with a reason; publication credits the territory", async (t) => {
    const { server, cast } = suite;
    const { episode, editor, partner } = await inReview(server, cast, pageAs, "Propositions", "Premier constat. La mairie a décidé. Fin du texte.");

    // The partner selects the sentence and proposes another wording.
    await selectText(partner, "La mairie a décidé.");
    const propose = partner.getByRole("button", { name: "Proposer une formulation" });
    assert.equal(await propose.getAttribute("aria-keyshortcuts"), "Control+Alt+P");
    await propose.click();
    const dialog = partner.getByRole("dialog", { name: "Proposer une formulation" });
    await dialog.locator("blockquote", { hasText: "La mairie a décidé." }).waitFor();
    const proposed = dialog.getByLabel("Texte proposé");
    assert.ok(await proposed.evaluate((el) => el === document.activeElement), "focus is on the proposed text");
    await dialog.getByText("Laissez ce champ vide pour proposer de supprimer le passage.").waitFor();
    await proposed.fill("C'est le conseil communautaire qui a décidé.");
    await dialog.getByLabel("Explication (facultative)").fill("La compétence est intercommunale.");
    await assertNoViolations(partner, "dialogue de proposition");
    const since = Date.now();
    await dialog.getByRole("button", { name: "Envoyer la proposition" }).click();

    // The editor sees the difference in the text: the passage struck through, the proposed text beside it.
    const [seenAfter] = await arrival([editor], (p) => p.locator(".suggestion-insert", { hasText: "C'est le conseil communautaire qui a décidé." }), since);
    t.diagnostic(`inline difference shown to the editor ${seenAfter} ms after « Envoyer la proposition »`);
    for (const p of [editor, partner]) {
      await waitHighlights(p, ["La mairie a décidé."], "suggestion");
      await waitHighlights(p, []);
      assert.deepEqual(await drawn(p), ["C'est le conseil communautaire qui a décidé."]);
    }
    const title = "Proposition de Chloé Roux (Métropole de Lyon) : remplacer « La mairie a décidé. » par « C'est le conseil communautaire qui a décidé. »";
    await thread(editor, "conseil communautaire").getByRole("heading", { name: title }).waitFor();
    await thread(editor, "conseil communautaire").getByText("La compétence est intercommunale.").waitFor();
    await editor.locator("[aria-live=polite]", { hasText: "Nouvelle proposition de formulation de Chloé Roux." }).waitFor();
    assert.equal(await thread(partner, "conseil communautaire").getByRole("button", { name: "Accepter" }).count(), 0, "a partner never accepts");
    assert.equal(await editorBox(editor).textContent(), "Premier constat. La mairie a décidé. Fin du texte.", "the document itself is unchanged");
    await assertNoViolations(editor, "atelier de l'éditrice avec une proposition");
    await assertNoViolations(partner, "atelier de la partenaire avec une proposition");

    // The editor writes elsewhere, then just before and just after the sentence: the proposal still covers it alone.
    await typeAtEnd(editor, " Annexe.");
    await caretBeside(editor, "La mairie a décidé.", "ArrowLeft");
    await editor.keyboard.type("Ensuite, ");
    await caretBeside(editor, "La mairie a décidé.", "ArrowRight");
    await editor.keyboard.type(" Vraiment.");
    await linkState(editor, "saved");
    const before = "Premier constat. Ensuite, La mairie a décidé. Vraiment. Fin du texte. Annexe.";
    for (const p of [editor, partner]) {
      await waitText(p, before);
      await waitHighlights(p, ["La mairie a décidé."], "suggestion");
    }

    // Accepted: the text changes for both, once, and the proposal leaves the text.
    await thread(editor, "conseil communautaire").getByRole("button", { name: "Accepter" }).click();
    const after = "Premier constat. Ensuite, C'est le conseil communautaire qui a décidé. Vraiment. Fin du texte. Annexe.";
    for (const p of [editor, partner]) {
      await waitText(p, after);
      await thread(p, "conseil communautaire").getByText("Acceptée par Alice Martin").waitFor({ timeout: 5_000 });
      await waitHighlights(p, [], "suggestion");
      assert.deepEqual(await drawn(p), []);
    }
    await editor.waitForFunction(() => document.activeElement?.classList.contains("review-thread") ?? false);
    await partner.locator("[aria-live=polite]", { hasText: "La proposition de Chloé Roux a été acceptée par Alice Martin." }).waitFor();
    await linkState(editor, "saved");
    const stored = await storedText(server.ctx, episode._id);
    assert.equal(stored, after);
    assert.equal(count(stored, "conseil communautaire"), 1);

    // Undo is the editor's own: Ctrl+Z restores the sentence for everyone, Ctrl+Shift+Z brings the proposal back.
    await editorBox(editor).focus();
    await editor.keyboard.press("Control+z");
    for (const p of [editor, partner]) await waitText(p, before);
    await editor.keyboard.press("Control+Shift+z");
    for (const p of [editor, partner]) await waitText(p, after);

    // A second proposal, to delete a sentence, rejected with a reason the partner reads.
    await selectText(partner, "Fin du texte.");
    await partner.keyboard.press("Control+Alt+KeyP");
    const second = partner.getByRole("dialog", { name: "Proposer une formulation" });
    await second.getByLabel("Texte proposé").fill("");
    await second.getByRole("button", { name: "Envoyer la proposition" }).click();
    const card = thread(editor, "supprimer « Fin du texte. »");
    await card.getByRole("heading", { name: "Proposition de Chloé Roux (Métropole de Lyon) : supprimer « Fin du texte. »" }).waitFor({ timeout: 5_000 });
    await waitHighlights(editor, ["Fin du texte."], "suggestion");
    // The publish dialog counts it among the open threads.
    await editor.getByRole("button", { name: "Publier", exact: true }).click();
    const publish = editor.getByRole("dialog", { name: "Publier l'épisode" });
    await publish.getByText("1 fil de relecture est encore ouvert, une proposition de formulation : la publication n'est pas bloquée.").waitFor();
    await publish.getByRole("button", { name: "Annuler" }).click();
    await card.getByRole("button", { name: "Refuser" }).click();
    const reject = editor.getByRole("dialog", { name: "Refuser cette proposition ?" });
    await reject.getByLabel("Raison (facultative)").fill("Le texte a besoin d'une fin.");
    await assertNoViolations(editor, "dialogue de refus");
    await reject.getByRole("button", { name: "Refuser la proposition" }).click();
    await editor.waitForFunction(() => document.activeElement?.classList.contains("review-thread") ?? false);
    await thread(partner, "supprimer « Fin du texte. »").getByText("Refusée par Alice Martin : Le texte a besoin d'une fin.").waitFor({ timeout: 5_000 });
    await waitHighlights(partner, [], "suggestion");
    await waitText(partner, after);

    // The team publishes: the public page credits the proposer's territory.
    await editor.getByRole("button", { name: "Publier", exact: true }).click();
    await publish.getByText("Aucun fil de relecture ouvert.").waitFor();
    await publish.getByRole("button", { name: "Publier" }).click();
    await editor.locator(".badge", { hasText: "#1" }).waitFor({ timeout: 10_000 });
    await editor.goto(`${server.origin}/carnets/${cast.programme.slug}/1`);
    await editor.getByText(`Avec les contributions de : ${cast.territory.name}`).waitFor();
    assert.match((await editor.locator(".prose").textContent()) ?? "", /C'est le conseil communautaire qui a décidé\. Vraiment\. Fin du texte\./);
  });

  test("a keyboard-only partner proposes on the read-only text; once its passage is deleted, the proposal can only be rejected or copied", async () => {
    const { server, cast } = suite;
    const text = "Premier constat. La cantine sert cent repas. Fin du texte.";
    const { editor, partner } = await inReview(server, cast, pageAs, "Propositions au clavier", text);

    // Tab to the text, arrows to the sentence, Shift+arrows over it, Ctrl+Alt+P.
    const focused = (selector: string) => partner.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector);
    for (let i = 0; i < 60 && !(await focused(".editor-content")); i++) await partner.keyboard.press("Tab");
    assert.ok(await focused(".editor-content"), "Tab reaches the text");
    for (let i = 0; i < "Premier constat. ".length; i++) await partner.keyboard.press("ArrowRight");
    for (let i = 0; i < "La cantine sert cent repas.".length; i++) await partner.keyboard.press("Shift+ArrowRight");
    await partner.keyboard.press("Control+Alt+KeyP");
    await partner.waitForFunction(() => document.activeElement?.id === "suggestion-replacement");
    await partner.keyboard.press("Control+a");
    await partner.keyboard.type("La cantine sert deux cents repas.");
    await partner.keyboard.press("Tab");
    await partner.keyboard.type("Chiffres de la rentrée.");
    await assertNoViolations(partner, "proposition au clavier");
    await partner.keyboard.press("Tab");
    await partner.keyboard.press("Tab");
    await partner.keyboard.press("Enter");
    // Focus is back in the text, which no key of hers changed.
    await partner.waitForFunction(() => document.activeElement?.classList.contains("editor-content") ?? false);
    await partner.locator("[aria-live=polite]", { hasText: "Proposition envoyée à l'équipe." }).waitFor();
    for (const p of [editor, partner]) {
      await waitHighlights(p, ["La cantine sert cent repas."], "suggestion");
      assert.equal(await editorBox(p).textContent(), text);
    }

    // The editor deletes the sentence: the proposal is detached, with its quote and text, to reject or copy only.
    await selectText(editor, "La cantine sert cent repas.");
    await editor.keyboard.press("Backspace");
    const card = thread(editor, "deux cents repas");
    await card.getByText("Passage supprimé du texte : la proposition ne peut plus s'appliquer, refusez-la ou copiez le texte proposé.").waitFor({ timeout: 5_000 });
    await card.getByRole("heading", { name: "Proposition de Chloé Roux (Métropole de Lyon) : remplacer « La cantine sert cent repas. » par « La cantine sert deux cents repas. »" }).waitFor();
    await waitHighlights(editor, [], "suggestion");
    assert.deepEqual(await drawn(editor), []);
    assert.equal(await card.getByRole("button", { name: "Accepter" }).count(), 0, "a detached proposal is not accepted");
    await card.getByRole("button", { name: "Refuser" }).waitFor();
    await editor.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
    await card.getByRole("button", { name: "Copier le texte proposé" }).click();
    await card.locator("[aria-live=polite]", { hasText: "Texte proposé copié." }).waitFor();
    assert.equal(await editor.evaluate(() => navigator.clipboard.readText()), "La cantine sert deux cents repas.");
    await assertNoViolations(editor, "proposition détachée");
  });

  test("when someone else decided first, « Accepter » says so, re-reads the list and leaves the text alone", async () => {
    const { server, cast } = suite;
    const text = "Premier constat. La mairie a décidé. Fin du texte.";
    const { episode, editor, partner } = await inReview(server, cast, pageAs, "Décidée ailleurs", text);
    await selectText(partner, "La mairie a décidé.");
    await partner.getByRole("button", { name: "Proposer une formulation" }).click();
    const dialog = partner.getByRole("dialog", { name: "Proposer une formulation" });
    await dialog.getByLabel("Texte proposé").fill("Le conseil a décidé.");
    await dialog.getByRole("button", { name: "Envoyer la proposition" }).click();
    const card = thread(editor, "Le conseil a décidé.");
    await card.getByRole("button", { name: "Accepter" }).waitFor({ timeout: 5_000 });

    // Bruno rejects it in the store behind this page's back: no live notice, the button is still there.
    const [proposal] = await server.ctx.repos.reviews.forEpisode(episode._id);
    const { bruno } = cast.users;
    const decided = { ...proposal!.suggestion!, status: "rejected" as const, decidedBy: bruno._id, decidedByName: bruno.name, decidedAt: new Date() };
    assert.ok(await server.ctx.repos.reviews.decide(proposal!._id, decided, bruno._id));
    await card.getByRole("button", { name: "Accepter" }).click();
    await card.getByRole("alert").getByText("Quelqu'un a déjà accepté ou refusé cette proposition : la liste est à jour.").waitFor({ timeout: 5_000 });
    await card.getByText("Refusée par Bruno Keller").waitFor();
    assert.equal(await card.getByRole("button", { name: "Accepter" }).count(), 0);
    await waitHighlights(editor, [], "suggestion");
    assert.equal(await editorBox(editor).textContent(), text);
    await assertNoViolations(editor, "proposition décidée ailleurs");
  });
});
