// Offline drafts in one browser profile: typed offline, tab closed, reopened offline, merged on return; sign-out and removal from the programme leave nothing on the device.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import { buildMembership, buildUser, sessionCookieFor, TEST_PASSWORD } from "../helpers/factories.ts";
import { launchProfile } from "../helpers/browser.ts";
import { eventually } from "../helpers/eventually.ts";
import type { TestServer } from "../helpers/server.ts";
import { tempDir } from "../helpers/tmp.ts";
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

/** A person's own browser profile, signed in, with the offline worker in control of the atelier. */
async function deviceOf(server: TestServer, userId: string): Promise<BrowserContext> {
  const profile = await launchProfile(tempDir("carnet-profile-"));
  const [name, value] = (await sessionCookieFor(server.ctx, userId)).split("=") as [string, string];
  await profile.addCookies([{ name, value, url: server.origin, httpOnly: true, sameSite: "Lax" }]);
  const page = await profile.newPage();
  await page.goto(`${server.origin}/atelier/`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 10_000 });
  await page.close();
  return profile;
}

/** What this page's origin keeps: IndexedDB database names and Cache Storage entries. */
async function localCopies(page: Page): Promise<{ databases: string[]; cached: string[] }> {
  return await page.evaluate(async () => {
    const databases = (await indexedDB.databases()).map((db) => db.name ?? "");
    const cached: string[] = [];
    for (const key of await caches.keys()) for (const request of await (await caches.open(key)).keys()) cached.push(request.url);
    return { databases, cached };
  });
}

describe("workspace: offline drafts", { timeout: 120_000 }, () => {
  const suite = workspaceSuite();
  let server: TestServer;
  let cast: WorkspaceSuite["cast"];
  before(() => {
    ({ server, cast } = suite);
  });

  test("typed offline, tab closed, atelier reopened offline: the text is there, publishing says it needs a connection; back online the server and a second editor have it once", async () => {
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "Dans le train");
    const profile = await deviceOf(server, cast.users.alice._id);
    const other = await signedInContext(suite.browser, server, cast.users.bruno._id);
    const typed = "Noté à la mairie, sans réseau.";
    try {
      const first = await profile.newPage();
      await openEpisode(first, server, episode._id);
      await profile.setOffline(true);
      await linkState(first, "offline");
      await typeAtEnd(first, typed);
      const status = first.locator(".link-state");
      await first.locator('.link-state[data-device="kept"]').waitFor({ timeout: 10_000 });
      assert.match(await status.innerText(), /Hors ligne\s*· enregistré sur cet appareil · \d+ modifications? en attente du serveur/);
      await first.getByText("Hors ligne : publier et changer le statut demandent une connexion").waitFor({ timeout: 5_000 });
      assert.equal(await first.getByRole("button", { name: "Publier" }).isDisabled(), true);
      await first.close();

      const again = await profile.newPage();
      // The atelier opens offline on the person's programmes, then on the episode.
      await again.goto(`${server.origin}/atelier/`);
      await again.getByRole("link", { name: cast.programme.title }).first().waitFor({ timeout: 10_000 });
      await again.goto(`${server.origin}/atelier/episodes/${episode._id}`);
      await editorBox(again).getByText(typed).waitFor({ timeout: 10_000 });
      await linkState(again, "offline");
      assert.equal(count(await storedText(server.ctx, episode._id), typed), 0, "nothing reached the server while offline");

      await profile.setOffline(false);
      await linkState(again, "saved");
      assert.match(await again.locator(".link-state").innerText(), /^Enregistré sur le serveur\s*Connexion rétablie$/);
      // What needs a connection comes back by itself.
      assert.equal(await again.getByRole("button", { name: "Publier" }).isEnabled(), true);
      assert.equal(count(await storedText(server.ctx, episode._id), typed), 1);
      const second = await other.newPage();
      await openEpisode(second, server, episode._id);
      await editorBox(second).getByText(typed).waitFor({ timeout: 10_000 });
      assert.equal(count((await editorBox(second).textContent()) ?? "", typed), 1);
      assert.equal(count((await editorBox(again).textContent()) ?? "", typed), 1);
    } finally {
      await Promise.all([profile.close(), other.close()]);
    }
  });

  test("two editors write in the same paragraph, one offline for a while with its tab closed: both converge, both contributions once", async () => {
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "Même paragraphe");
    const profile = await deviceOf(server, cast.users.alice._id);
    const other = await signedInContext(suite.browser, server, cast.users.bruno._id);
    const [common, away, here] = ["Début commun.", " Ajouté dans le train.", " Ajouté au bureau."];
    try {
      const a = await profile.newPage();
      const b = await other.newPage();
      await openEpisode(a, server, episode._id);
      await openEpisode(b, server, episode._id);
      await typeAtEnd(a, common);
      await editorBox(b).getByText(common).waitFor({ timeout: 10_000 });
      await profile.setOffline(true);
      await linkState(a, "offline");
      await typeAtEnd(a, away);
      await a.locator('.link-state[data-device="kept"]').waitFor({ timeout: 10_000 });
      await typeAtEnd(b, here);
      await linkState(b, "saved");
      await a.close();

      const again = await profile.newPage();
      await again.goto(`${server.origin}/atelier/episodes/${episode._id}`);
      await editorBox(again).getByText(away.trim(), { exact: false }).waitFor({ timeout: 10_000 });
      await profile.setOffline(false);
      await linkState(again, "saved");
      const texts = await eventually("both editors show the same text", async () => {
        const [x, y] = await Promise.all([editorBox(again).textContent(), editorBox(b).textContent()]);
        return x === y && x?.includes(here.trim()) && x.includes(away.trim()) ? x : null;
      });
      for (const part of [common, away.trim(), here.trim()]) {
        assert.equal(count(texts, part), 1, texts);
        assert.equal(count(await storedText(server.ctx, episode._id), part), 1);
      }
      assert.equal(await editorBox(b).locator("p").count(), 1, "one paragraph holds both contributions");
    } finally {
      await Promise.all([profile.close(), other.close()]);
    }
  });

  test("removed from the programme while offline: the queued changes are refused, the device copy erased, and the person told", async () => {
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "Équipe qui change");
    const leaving = await buildUser(server.ctx, { name: "Denis Départ" });
    await buildMembership(server.ctx, leaving._id, cast.programme._id, "editor");
    const profile = await deviceOf(server, leaving._id);
    const typed = "Écrit après mon départ de l'équipe.";
    try {
      const page = await profile.newPage();
      await openEpisode(page, server, episode._id);
      await profile.setOffline(true);
      await linkState(page, "offline");
      await typeAtEnd(page, typed);
      await page.locator('.link-state[data-device="kept"]').waitFor({ timeout: 10_000 });
      await server.ctx.services.programmes.removeMember(leaving._id, cast.programme._id);

      await profile.setOffline(false);
      await page.getByRole("alert").filter({ hasText: "Vous n'avez plus accès à cet épisode" }).waitFor({ timeout: 15_000 });
      assert.equal(count(await storedText(server.ctx, episode._id), typed), 0);
      const left = await localCopies(page);
      assert.ok(!left.databases.some((name) => name.includes(episode._id)), `no copy of the episode: ${left.databases}`);
      assert.ok(!left.cached.some((url) => url.includes(episode._id)), `nothing of the episode cached: ${left.cached}`);
    } finally {
      await profile.close();
    }
  });

  test("removed from the programme while the episode is closed: the next visit online erases its copy and the programme's cached data", async () => {
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "Copie oubliée");
    const leaving = await buildUser(server.ctx, { name: "Élise Ailleurs" });
    await buildMembership(server.ctx, leaving._id, cast.programme._id, "editor");
    const profile = await deviceOf(server, leaving._id);
    try {
      const page = await profile.newPage();
      await openEpisode(page, server, episode._id);
      await page.locator('.link-state[data-device="kept"]').waitFor({ timeout: 10_000 });
      const kept = await localCopies(page);
      assert.ok(kept.databases.some((name) => name.includes(episode._id)), `a copy of the episode: ${kept.databases}`);
      await page.close();
      await server.ctx.services.programmes.removeMember(leaving._id, cast.programme._id);

      const next = await profile.newPage();
      await next.goto(`${server.origin}/atelier/`);
      await eventually("the copy and the cached data of the programme left are erased", async () => {
        const { databases, cached } = await localCopies(next);
        const left = [...databases, ...cached].filter((entry) => entry.includes(episode._id) || entry.includes(cast.programme._id));
        return left.length === 0;
      }, { timeoutMs: 10_000 });
    } finally {
      await profile.close();
    }
  });

  test("'ne pas conserver sur cet appareil' at sign-in: an opened and edited episode leaves no copy, no cache, no worker; closing with unsent changes asks first", async () => {
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "Ordinateur de la mairie");
    const profile = await launchProfile(tempDir("carnet-profile-"));
    try {
      const page = await profile.newPage();
      await page.goto(`${server.origin}/atelier/connexion`);
      await page.getByLabel("Adresse e-mail").fill(cast.users.alice.email);
      await page.getByLabel("Mot de passe").fill(TEST_PASSWORD);
      await page.getByLabel("Ne pas conserver sur cet appareil", { exact: false }).check();
      await page.getByRole("button", { name: "Se connecter" }).click();
      await page.getByRole("link", { name: "Tableau de bord" }).waitFor({ timeout: 10_000 });
      await openEpisode(page, server, episode._id);
      await typeAtEnd(page, "Rien ne reste ici.");
      await linkState(page, "saved");
      assert.equal(await page.locator(".link-state").getAttribute("data-device"), "none");
      assert.deepEqual(await localCopies(page), { databases: [], cached: [] });
      assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);

      // Offline, what is typed lives only in this tab: closing it asks first.
      await profile.setOffline(true);
      await linkState(page, "offline");
      await typeAtEnd(page, " Pas encore envoyé.");
      assert.match(await page.locator(".link-state").innerText(), /seulement dans cet onglet/);
      const asked = new Promise<string>((resolve) => page.once("dialog", (dialog) => resolve(dialog.type())));
      await page.close({ runBeforeUnload: true });
      assert.equal(await asked, "beforeunload");
    } finally {
      await profile.close();
    }
  });

  test("signing out leaves no IndexedDB copy and no cache on the device", async () => {
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "Poste partagé");
    const profile = await deviceOf(server, cast.users.alice._id);
    try {
      const page = await profile.newPage();
      await openEpisode(page, server, episode._id);
      await typeAtEnd(page, "Brouillon sur un poste partagé.");
      await linkState(page, "saved");
      const before = await localCopies(page);
      assert.ok(before.databases.some((name) => name.includes(episode._id)), `a copy of the episode: ${before.databases}`);
      assert.ok(before.cached.some((url) => url.endsWith(`/api/episodes/${episode._id}`)), `the episode cached: ${before.cached}`);

      await page.getByRole("button", { name: "Se déconnecter" }).click();
      await page.getByRole("heading", { name: "Connexion à l'atelier" }).waitFor({ timeout: 10_000 });
      assert.deepEqual(await localCopies(page), { databases: [], cached: [] });
    } finally {
      await profile.close();
    }
  });
});
