// Review in the draft, in Chromium with two editors and a partner: comment a passage, follow edits, reply, resolve, restart, « Relu »; a deleted passage; keyboard-only commenting and deletion.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { freePort, startTestServer, type TestServer } from "../helpers/server.ts";
import { tempDir } from "../helpers/tmp.ts";
import {
  assertNoViolations,
  buildWorkspaceCast,
  editorBox,
  ensureClientBuilt,
  linkState,
  newEpisode,
  openEpisode,
  selectText,
  signedInContext,
  typeAtEnd,
} from "./workspace.ts";
import { arrival, highlighted, inReview, thread, waitHighlights } from "./reviewPage.ts";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe("review threads anchored to passages, in a browser", { timeout: 240_000 }, () => {
  const dataDir = tempDir();
  let port: number;
  let server: TestServer;
  let browser: Browser;
  let cast: Awaited<ReturnType<typeof buildWorkspaceCast>>;
  const contexts: BrowserContext[] = [];
  const delays: number[] = [];

  before(async () => {
    ensureClientBuilt();
    port = await freePort();
    server = await startTestServer({ realOrigin: true, port, dataDir });
    browser = await launchBrowser();
    cast = await buildWorkspaceCast(server.ctx);
  });
  after(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await server?.close();
  });

  async function pageAs(userId: string): Promise<Page> {
    const context = await signedInContext(browser, server, userId);
    contexts.push(context);
    return await context.newPage();
  }

  test("a partner comments a sentence; editors see it live, it follows their edits, a reply and a resolution reach everyone, a restart keeps it", async (t) => {
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "Relecture en direct");
    const editor1 = await pageAs(cast.users.alice._id);
    await openEpisode(editor1, server, episode._id);
    await typeAtEnd(editor1, "Premier constat. La cantine sert cent repas. Fin du texte.");
    await linkState(editor1, "saved");
    await editor1.getByRole("button", { name: "Soumettre en relecture" }).click();
    await editor1.locator(".badge.review").waitFor({ timeout: 5_000 });

    const editor2 = await pageAs(cast.users.bruno._id);
    await openEpisode(editor2, server, episode._id);
    const partner = await pageAs(cast.users.chloe._id);
    await partner.goto(`${server.origin}/atelier/episodes/${episode._id}`);
    await editorBox(partner).getByText("La cantine sert cent repas.", { exact: false }).waitFor({ timeout: 10_000 });
    const all = [editor1, editor2, partner];
    for (const p of all) await p.getByText("Aucun fil de relecture pour l'instant.").waitFor({ timeout: 5_000 });

    // The partner selects the sentence and comments it.
    await selectText(partner, "La cantine sert cent repas.");
    await partner.getByRole("button", { name: "Commenter" }).click();
    await partner.getByLabel("Votre commentaire sur ce passage").fill("Chez nous, c'était deux cents repas. @Alice Martin");
    await assertNoViolations(partner, "nouveau commentaire de relecture");
    let since = Date.now();
    await partner.getByRole("button", { name: "Publier le commentaire" }).click();
    delays.push(...(await arrival([editor1, editor2], (p) => thread(p, "Chez nous, c'était deux cents repas."), since)));
    for (const p of all) await waitHighlights(p, ["La cantine sert cent repas."]);
    const card = thread(editor1, "deux cents repas");
    assert.match((await card.textContent()) ?? "", /Chloé Roux/);
    await card.locator(".review-territory", { hasText: "Métropole de Lyon" }).waitFor();
    await editor1.locator("[aria-live=polite]", { hasText: "Nouveau commentaire de relecture de Chloé Roux." }).waitFor();

    // Editor 1 writes before the sentence, editor 2 inside it: the highlight still covers the sentence.
    await editorBox(editor1).click();
    await editor1.keyboard.press("Control+Home");
    await editor1.keyboard.type("Introduction. ");
    await editorBox(editor2).getByText("Introduction. Premier", { exact: false }).waitFor();
    await selectText(editor2, "cent");
    await editor2.keyboard.type("deux cents");
    await linkState(editor1, "saved");
    await linkState(editor2, "saved");
    for (const p of all) await waitHighlights(p, ["La cantine sert deux cents repas."]);
    assert.match((await editorBox(partner).textContent()) ?? "", /^Introduction\. Premier constat\./);

    // Keyboard: the caret in the passage, Ctrl+Alt+M opens its thread.
    await editorBox(editor2).click();
    await editor2.keyboard.press("Control+Home");
    for (let i = 0; i < "Introduction. Premier constat. La cant".length; i++) await editor2.keyboard.press("ArrowRight");
    await editor2.keyboard.press("Control+Alt+KeyM");
    await editor2.waitForFunction(() => document.activeElement?.classList.contains("review-thread") ?? false);

    // Editor 2 replies; the partner resolves.
    await thread(editor2, "deux cents repas").getByLabel("Répondre à Chloé Roux").fill("Corrigé, merci.");
    since = Date.now();
    await thread(editor2, "deux cents repas").getByRole("button", { name: "Répondre" }).click();
    delays.push(...(await arrival([editor1, partner], (p) => thread(p, "deux cents repas").getByText("Corrigé, merci."), since)));
    since = Date.now();
    await thread(partner, "deux cents repas").getByRole("button", { name: "Résoudre" }).click();
    delays.push(...(await arrival([editor1, editor2], (p) => thread(p, "deux cents repas").getByText("Résolu", { exact: true }), since)));
    for (const p of all) await waitHighlights(p, []);
    await assertNoViolations(editor1, "fil de relecture résolu");
    await assertNoViolations(partner, "relecture du partenaire");

    // The partner's socket still cannot change the text.
    assert.doesNotMatch((await editorBox(editor1).textContent()) ?? "", /Chez nous/);

    // A restart keeps the thread, its reply and its resolution; the publish dialog says no thread is open.
    await server.close();
    server = await startTestServer({ realOrigin: true, port, dataDir });
    for (const p of all) {
      await p.reload();
      await thread(p, "deux cents repas").getByText("Corrigé, merci.").waitFor({ timeout: 10_000 });
      await thread(p, "deux cents repas").getByText("Résolu", { exact: true }).waitFor();
      assert.deepEqual(await highlighted(p), []);
    }
    await thread(editor1, "deux cents repas").getByRole("button", { name: "Rouvrir" }).click();
    for (const p of all) await waitHighlights(p, ["La cantine sert deux cents repas."]);
    // The partner marks the draft « Relu » for her territory; the publish dialog shows it beside the open thread.
    await partner.getByRole("button", { name: "Marquer comme relu" }).click();
    await partner.getByRole("status").getByText(`Marqué comme relu pour ${cast.territory.name}.`).waitFor();
    await editor1.getByRole("button", { name: "Publier", exact: true }).click();
    const dialog = editor1.getByRole("dialog");
    await dialog.getByText("1 fil de relecture est encore ouvert : la publication n'est pas bloquée.").waitFor();
    await dialog.getByText(new RegExp(`${cast.territory.name} : relu par Chloé Roux le`)).waitFor();
    await assertNoViolations(editor1, "dialogue de publication : fil ouvert et territoire ayant relu");
    t.diagnostic(`delays ms: ${delays.join(", ")}; median ${median(delays)} ms`);
  });

  test("a passage deleted entirely leaves its thread detached, with its quote", async () => {
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "Passage supprimé");
    const editor1 = await pageAs(cast.users.alice._id);
    const editor2 = await pageAs(cast.users.bruno._id);
    await openEpisode(editor1, server, episode._id);
    await typeAtEnd(editor1, "Ce qui reste. Phrase à supprimer bientôt. La suite.");
    await linkState(editor1, "saved");
    await openEpisode(editor2, server, episode._id);
    await selectText(editor1, "Phrase à supprimer bientôt.");
    await editor1.keyboard.press("Control+Alt+KeyM");
    await editor1.getByLabel("Votre commentaire sur ce passage").fill("Trop vague.");
    await editor1.getByRole("button", { name: "Publier le commentaire" }).click();
    for (const p of [editor1, editor2]) await waitHighlights(p, ["Phrase à supprimer bientôt."]);

    await editorBox(editor2).getByText("Phrase à supprimer", { exact: false }).waitFor();
    await selectText(editor2, "Phrase à supprimer bientôt.");
    await editor2.keyboard.press("Backspace");
    for (const p of [editor1, editor2]) {
      await waitHighlights(p, []);
      const card = thread(p, "Trop vague.");
      await card.getByText("Passage supprimé du texte : le fil reste, avec la citation d'origine.").waitFor({ timeout: 5_000 });
      await card.getByText("« Phrase à supprimer bientôt. »").waitFor();
    }
    assert.match((await editorBox(editor1).textContent()) ?? "", /Ce qui reste\.\s+La suite\./);
    await assertNoViolations(editor2, "fil détaché");
  });

  test("a keyboard-only partner comments a passage of the read-only text, which no key changes; the author deletes her reply, live for the others", async () => {
    const text = "Premier constat. La cantine sert cent repas. Fin du texte.";
    const { episode, editor: editor1, partner } = await inReview(server, cast, pageAs, "Relecture au clavier", text);
    // Read-only for assistive technologies too, yet reachable with Tab.
    assert.deepEqual(
      [await editorBox(partner).getAttribute("contenteditable"), await editorBox(partner).getAttribute("aria-readonly")],
      ["false", "true"],
    );
    const onText = () => partner.evaluate(() => document.activeElement?.classList.contains("editor-content") ?? false);
    for (let i = 0; i < 60 && !(await onText()); i++) await partner.keyboard.press("Tab");
    assert.ok(await onText(), "Tab reaches the text");
    // The browser draws no caret in read-only text: the page paints the character after it.
    const caret = () => partner.evaluate(() => [...((CSS.highlights.get("reading-caret") as Iterable<Range> | undefined) ?? [])].map((r) => r.toString()));
    assert.deepEqual(await caret(), ["P"]);

    // Keys that would write do nothing: not here, not for the editor.
    for (const key of ["x", "Enter", "Backspace", "Delete", "Control+v", "Control+x"]) await partner.keyboard.press(key);
    await partner.keyboard.type("intrus");
    assert.equal((await editorBox(partner).textContent())?.trim(), text);

    // Arrows to the sentence, Shift+arrows over it, Ctrl+Alt+M, type, Tab to « Publier le commentaire », Enter.
    for (let i = 0; i < "Premier constat. ".length; i++) await partner.keyboard.press("ArrowRight");
    assert.deepEqual(await caret(), ["L"]);
    for (let i = 0; i < "La cantine sert cent repas.".length; i++) await partner.keyboard.press("Shift+ArrowRight");
    assert.deepEqual(await caret(), [], "a selection, no caret");
    assert.equal(await partner.evaluate(() => window.getSelection()?.toString()), "La cantine sert cent repas.");
    await partner.keyboard.press("Control+Alt+KeyM");
    await partner.waitForFunction(() => document.activeElement?.id === "review-new-body");
    await partner.keyboard.type("Chez nous, à midi seulement.");
    await assertNoViolations(partner, "commentaire au clavier dans le texte en lecture seule");
    await partner.keyboard.press("Tab");
    await partner.keyboard.press("Enter");
    for (const p of [editor1, partner]) await waitHighlights(p, ["La cantine sert cent repas."]);
    await thread(editor1, "à midi seulement").waitFor({ timeout: 5_000 });
    for (const p of [editor1, partner]) assert.equal((await editorBox(p).textContent())?.trim(), text);

    // Two replies: Alice's, then Chloé's own.
    await thread(editor1, "à midi seulement").getByLabel("Répondre à Chloé Roux").fill("Merci, je corrige.");
    await thread(editor1, "à midi seulement").getByRole("button", { name: "Répondre" }).click();
    await thread(partner, "à midi seulement").getByText("Merci, je corrige.").waitFor({ timeout: 5_000 });
    await thread(partner, "à midi seulement").getByLabel("Répondre à Chloé Roux").fill("Le soir, la cantine est fermée.");
    await thread(partner, "à midi seulement").getByRole("button", { name: "Répondre" }).click();
    await thread(editor1, "à midi seulement").getByText("Le soir, la cantine est fermée.").waitFor({ timeout: 5_000 });

    // Without the right, no button: the partner may not delete Alice's reply.
    const card = thread(partner, "à midi seulement");
    assert.equal(await card.getByRole("button", { name: "Supprimer la réponse de Alice Martin" }).count(), 0);
    await card.getByRole("button", { name: "Supprimer le fil de Chloé Roux" }).waitFor();
    // The author deletes her reply, after confirming.
    await card.getByRole("button", { name: "Supprimer la réponse de Chloé Roux" }).click();
    const dialog = partner.getByRole("dialog", { name: "Supprimer cette réponse ?" });
    await dialog.getByText("La réponse disparaît pour tout le monde.").waitFor();
    await assertNoViolations(partner, "confirmation de suppression d'une réponse");
    await dialog.getByRole("button", { name: "Supprimer définitivement" }).click();
    await card.getByText("Le soir, la cantine est fermée.").waitFor({ state: "detached", timeout: 5_000 });
    await partner.waitForFunction(() => document.activeElement?.classList.contains("review-thread") ?? false);
    // Live for the other reader, said politely; the thread and Alice's reply stay.
    await thread(editor1, "à midi seulement").getByText("Le soir, la cantine est fermée.").waitFor({ state: "detached", timeout: 5_000 });
    await editor1.locator("[aria-live=polite]", { hasText: "Un commentaire de relecture a été supprimé." }).waitFor();
    await thread(editor1, "à midi seulement").getByText("Merci, je corrige.").waitFor();
    assert.equal((await server.ctx.repos.reviews.forEpisode(episode._id)).length, 2);
    await assertNoViolations(editor1, "fil après suppression d'une réponse");

    // The team deletes the whole thread: gone for the partner too, focus back on the panel's heading.
    await thread(editor1, "à midi seulement").getByRole("button", { name: "Supprimer le fil de Chloé Roux" }).click();
    await editor1.getByRole("dialog", { name: "Supprimer ce fil de relecture ?" }).getByRole("button", { name: "Supprimer définitivement" }).click();
    await editor1.waitForFunction(() => document.activeElement?.id === "review-title");
    for (const p of [editor1, partner]) {
      await p.getByText("Aucun fil de relecture pour l'instant.").waitFor({ timeout: 5_000 });
      await waitHighlights(p, []);
    }
    await partner.locator("[aria-live=polite]", { hasText: "Un commentaire de relecture a été supprimé." }).waitFor();
    assert.equal((await server.ctx.repos.reviews.forEpisode(episode._id)).length, 0);
  });
});
