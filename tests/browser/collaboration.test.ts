// Two editors co-write an episode in the workspace: live typing, presence, offline edits, publication, partners.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import * as Y from "yjs";
import type { TestServer } from "../helpers/server.ts";
import {
  count,
  editorBox,
  linkState,
  newEpisode,
  openEpisode,
  signedInContext,
  storedText,
  typeAtEnd,
  type WorkspaceSuite,
  workspaceSuite,
} from "./workspace.ts";

describe("workspace: collaborative editor", { timeout: 120_000 }, () => {
  const suite = workspaceSuite();
  let server: TestServer;
  let browser: Browser;
  let cast: WorkspaceSuite["cast"];
  before(() => {
    ({ server, browser, cast } = suite);
  });

  async function twoEditors(title: string) {
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, title);
    const contextA = await signedInContext(browser, server, cast.users.alice._id);
    const contextB = await signedInContext(browser, server, cast.users.bruno._id);
    const a = await contextA.newPage();
    const b = await contextB.newPage();
    await openEpisode(a, server, episode._id);
    await openEpisode(b, server, episode._id);
    return { episode, contextA, contextB, a, b, close: async () => Promise.all([contextA.close(), contextB.close()]) };
  }

  test("signing in through the form opens the dashboard", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(`${server.origin}/atelier/`);
    await page.getByLabel("Adresse e-mail").fill(cast.users.alice.email);
    await page.getByLabel("Mot de passe").fill("correct horse battery staple");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.getByRole("heading", { level: 1, name: "Tableau de bord" }).waitFor({ timeout: 10_000 });
    await page.getByRole("link", { name: "Cantines durables" }).waitFor();
    await context.close();
  });

  test("what one editor types appears in the other's editor within 2 s, and each sees the other", async () => {
    const { a, b, close } = await twoEditors("Premiers pas sur le terrain");
    try {
      const peerA = a.locator(".presence .peer", { hasText: "Bruno Keller" });
      await peerA.waitFor({ timeout: 5_000 });
      assert.match((await peerA.textContent()) ?? "", /Métropole de Lyon/);
      await b.locator(".presence .peer", { hasText: "Alice Martin" }).waitFor({ timeout: 5_000 });

      await typeAtEnd(a, "Bonjour depuis le laboratoire.");
      await editorBox(b).getByText("Bonjour depuis le laboratoire.").waitFor({ timeout: 2_000 });
      await typeAtEnd(b, " Réponse de la métropole.");
      await editorBox(a).getByText("Réponse de la métropole.", { exact: false }).waitFor({ timeout: 2_000 });
    } finally {
      await close();
    }
  });

  test("an editor offline keeps typing; back online, both have both texts once", async () => {
    const { episode, contextB, a, b, close } = await twoEditors("Hors ligne");
    try {
      await contextB.setOffline(true);
      await linkState(b, "offline");
      await typeAtEnd(b, "Écrit dans le train.");
      await editorBox(a).click();
      await a.keyboard.press("Control+End");
      await a.keyboard.press("Enter");
      await a.keyboard.type("Écrit au bureau.");
      await linkState(a, "saved");
      await contextB.setOffline(false);
      for (const page of [a, b]) {
        await editorBox(page).getByText("Écrit dans le train.").waitFor({ timeout: 10_000 });
        await editorBox(page).getByText("Écrit au bureau.").waitFor({ timeout: 10_000 });
      }
      await linkState(b, "saved");
      for (const page of [a, b]) {
        const text = (await editorBox(page).textContent()) ?? "";
        assert.equal(count(text, "Écrit dans le train."), 1, text);
        assert.equal(count(text, "Écrit au bureau."), 1, text);
      }
      const stored = await storedText(server.ctx, episode._id);
      assert.equal(count(stored, "Écrit dans le train."), 1, stored);
      assert.equal(count(stored, "Écrit au bureau."), 1, stored);
    } finally {
      await close();
    }
  });

  test("publishing from the editor gives the announced number, and the public page shows the text", async () => {
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "Le marché de producteurs");
    const context = await signedInContext(browser, server, cast.users.alice._id);
    try {
      const page = await context.newPage();
      await openEpisode(page, server, episode._id);
      await typeAtEnd(page, "Vingt producteurs ont répondu à l'appel.");
      await linkState(page, "saved");
      await page.getByRole("button", { name: "Publier" }).click();
      const dialog = page.getByRole("dialog", { name: "Publier l'épisode" });
      const announce = dialog.getByText(/recevra le numéro #\d+/);
      await announce.waitFor({ timeout: 5_000 });
      const announced = Number(/#(\d+)/.exec((await announce.textContent()) ?? "")![1]);
      await dialog.getByRole("button", { name: "Publier" }).click();
      await page.getByText(`Publié · #${announced}`).waitFor({ timeout: 5_000 });
      const stored = await server.ctx.repos.episodes.byId(episode._id);
      assert.equal(stored?.number, announced);
      const response = await page.goto(`${server.origin}/carnets/${cast.programme.slug}/${announced}`);
      assert.equal(response?.status(), 200);
      assert.ok(page.url().endsWith(`/${announced}-${stored!.slug}`), page.url());
      await page.getByText("Vingt producteurs ont répondu à l'appel.").waitFor({ timeout: 2_000 });
    } finally {
      await context.close();
    }
  });

  test("a partner sees an episode in review live but cannot change it", async () => {
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "En relecture");
    const team = await signedInContext(browser, server, cast.users.alice._id);
    const partner = await signedInContext(browser, server, cast.users.chloe._id);
    try {
      const a = await team.newPage();
      await openEpisode(a, server, episode._id);
      await typeAtEnd(a, "Texte de l'équipe.");
      await linkState(a, "saved");
      await a.getByRole("button", { name: "Soumettre en relecture" }).click();
      await a.locator(".badge.review").waitFor({ timeout: 5_000 });

      const p = await partner.newPage();
      const sent: Uint8Array[] = [];
      p.on("websocket", (ws) => {
        ws.on("framesent", (frame) => {
          if (typeof frame.payload !== "string") sent.push(new Uint8Array(frame.payload));
        });
      });
      await p.goto(`${server.origin}/atelier/episodes/${episode._id}`);
      const box = editorBox(p);
      await box.getByText("Texte de l'équipe.").waitFor({ timeout: 10_000 });
      assert.equal(await box.getAttribute("aria-readonly"), "true");
      await box.click();
      await p.keyboard.press("Control+End");
      await p.keyboard.type("Intrusion du partenaire");
      await p.keyboard.press("Enter");

      // Live: the team's next words reach the partner; the partner's never went anywhere.
      await typeAtEnd(a, " Ajout en direct.");
      await box.getByText("Ajout en direct.", { exact: false }).waitFor({ timeout: 2_000 });
      await linkState(a, "saved");
      assert.doesNotMatch((await box.textContent()) ?? "", /Intrusion/);
      assert.doesNotMatch((await editorBox(a).textContent()) ?? "", /Intrusion/);
      assert.doesNotMatch(await storedText(server.ctx, episode._id), /Intrusion/);
      for (const frame of sent) {
        if (frame[0] !== 0) continue; // awareness and queries carry no document change
        assert.notEqual(frame[1], 2, "the partner sent a document update");
        if (frame[1] === 1) {
          const update = Y.decodeUpdate(frame.subarray(frame[2]! < 128 ? 3 : 4));
          assert.equal(update.structs.length, 0, "the partner's sync answer carried content");
        }
      }
    } finally {
      await Promise.all([team.close(), partner.close()]);
    }
  });
});
