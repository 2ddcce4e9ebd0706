// axe-core on every workspace screen: sign-in, dashboard, programme, editor (with a collaborator), review view, moderation, members.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { buildMembership, buildUser } from "../helpers/factories.ts";
import type { TestServer } from "../helpers/server.ts";
import { assertNoViolations, editorBox, newEpisode, openEpisode, signedInContext, type WorkspaceSuite, workspaceSuite } from "./workspace.ts";

describe("workspace accessibility (axe-core)", { timeout: 120_000 }, () => {
  const suite = workspaceSuite();
  let server: TestServer;
  let browser: Browser;
  let cast: WorkspaceSuite["cast"];
  before(() => {
    ({ server, browser, cast } = suite);
  });

  test("sign-in and password reset screens", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(`${server.origin}/atelier/`);
    await page.getByRole("button", { name: "Se connecter" }).waitFor({ timeout: 10_000 });
    await assertNoViolations(page, "connexion");
    await page.getByRole("link", { name: "Mot de passe oublié ?" }).click();
    await page.getByRole("heading", { level: 1, name: "Mot de passe oublié" }).waitFor();
    await assertNoViolations(page, "mot de passe oublié");
    await context.close();
  });

  test("dashboard, programme and editor, in French and in English", async () => {
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "Accessible");
    await server.ctx.services.episodes.transition((await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "Publié"))._id, "publish", cast.users.alice._id);
    const context = await signedInContext(browser, server, cast.users.alice._id);
    const other = await signedInContext(browser, server, cast.users.bruno._id);
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}/atelier/`);
      await page.getByRole("heading", { level: 2, name: "Publiés récemment" }).waitFor({ timeout: 10_000 });
      await page.getByRole("link", { name: "Publié" }).waitFor();
      await assertNoViolations(page, "tableau de bord");

      await page.getByRole("link", { name: "Cantines durables" }).click();
      await page.getByRole("heading", { level: 2, name: "Membres" }).waitFor({ timeout: 10_000 });
      await page.getByRole("table").waitFor();
      await page.getByText("Bruno Keller", { exact: false }).first().waitFor();
      await assertNoViolations(page, "programme");

      const peer = await other.newPage();
      await openEpisode(peer, server, episode._id);
      await openEpisode(page, server, episode._id);
      await editorBox(peer).click();
      await peer.keyboard.type("Curseur visible.");
      await page.locator(".presence .peer", { hasText: "Bruno Keller" }).waitFor({ timeout: 5_000 });
      await editorBox(page).getByText("Curseur visible.").waitFor({ timeout: 5_000 });
      await assertNoViolations(page, "éditeur");

      await page.getByRole("button", { name: "Lien" }).click();
      await page.getByRole("dialog", { name: "Ajouter un lien" }).waitFor();
      await assertNoViolations(page, "dialogue de lien");
      await page.getByLabel("Adresse du lien").fill("javascript:alert(1)");
      await page.getByRole("button", { name: "Ajouter le lien" }).click();
      await page.getByRole("alert").getByText("Adresse refusée", { exact: false }).waitFor();
      await page.keyboard.press("Escape");

      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("textbox", { name: "Episode content" }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
      await assertNoViolations(page, "editor in English");
      await page.reload();
      await page.getByRole("textbox", { name: "Episode content" }).waitFor({ timeout: 10_000 });
      await page.getByRole("button", { name: "Français" }).click();
    } finally {
      await Promise.all([context.close(), other.close()]);
    }
  });

  test("the partners' review view", async () => {
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "À relire");
    await server.ctx.services.episodes.transition(episode._id, "submit", cast.users.alice._id);
    const context = await signedInContext(browser, server, cast.users.chloe._id);
    try {
      const page = await context.newPage();
      await openEpisode(page, server, episode._id);
      await assertNoViolations(page, "relecture partenaire");
    } finally {
      await context.close();
    }
  });

  test("the moderation screen, its delete confirmation and its filter", async () => {
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "Commenté");
    await server.ctx.services.episodes.transition(episode._id, "publish", cast.users.alice._id);
    const partner = await signedInContext(browser, server, cast.users.chloe._id);
    const context = await signedInContext(browser, server, cast.users.alice._id);
    try {
      const p = await partner.newPage();
      await p.goto(`${server.origin}/atelier/`);
      const posted = await p.evaluate(async (id) => {
        const res = await fetch(`/api/episodes/${id}/comments`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ body: "Très utile pour notre conseil métropolitain." }),
        });
        return res.status;
      }, episode._id);
      assert.equal(posted, 201);

      const page = await context.newPage();
      await page.goto(`${server.origin}/atelier/commentaires`);
      await page.getByRole("heading", { level: 1, name: "Commentaires" }).waitFor({ timeout: 10_000 });
      await page.getByText("Très utile pour notre conseil métropolitain.").waitFor({ timeout: 10_000 });
      await page.getByRole("link", { name: "Choisir les e-mails que vous recevez (Mon compte)" }).waitFor();
      await assertNoViolations(page, "modération");

      await page.getByRole("button", { name: "Supprimer le commentaire de Chloé Roux" }).click();
      await page.getByRole("dialog", { name: "Supprimer un commentaire" }).waitFor();
      await assertNoViolations(page, "confirmation de suppression");
      await page.keyboard.press("Escape");
      await page.getByRole("button", { name: "Masquer le commentaire de Chloé Roux" }).click();
      await page.getByLabel("Afficher").selectOption("hidden");
      await page.getByRole("button", { name: "Afficher à nouveau le commentaire de Chloé Roux" }).waitFor({ timeout: 5_000 });
      await assertNoViolations(page, "commentaires masqués");
    } finally {
      await Promise.all([partner.close(), context.close()]);
    }
  });

  test("the members' controls: change a role, refuse to lose the last lead, remove, each confirmed", async () => {
    const dora = await buildUser(server.ctx, { name: "Dora Nguyen" });
    const emile = await buildUser(server.ctx, { name: "Émile Blanc" });
    await buildMembership(server.ctx, dora._id, cast.programme._id, "partner");
    await buildMembership(server.ctx, emile._id, cast.programme._id, "editor");
    const context = await signedInContext(browser, server, cast.users.alice._id);
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}/atelier/programmes/${cast.programme._id}`);
      const members = page.getByRole("list", { name: "Membres du programme" });
      const row = (name: string) => members.getByRole("listitem").filter({ hasText: name });
      await row("Dora Nguyen").waitFor({ timeout: 10_000 });
      await assertNoViolations(page, "membres");

      await page.getByLabel("Rôle de Dora Nguyen").selectOption("editor");
      await page.getByRole("button", { name: "Changer le rôle (Dora Nguyen)" }).click();
      const change = page.getByRole("dialog", { name: "Changer un rôle" });
      await change.getByText("Dora Nguyen passera de partenaire à rédacteur·rice.").waitFor();
      await assertNoViolations(page, "confirmation de rôle");
      await change.getByRole("button", { name: "Changer le rôle" }).click();
      await page.getByRole("status").getByText("Dora Nguyen est maintenant rédacteur·rice.").waitFor({ timeout: 5_000 });
      assert.equal((await server.ctx.repos.memberships.find(dora._id, cast.programme._id))?.role, "editor");

      // Alice is the only lead: the API refuses, and the screen says why.
      await page.getByLabel("Rôle de Alice Martin").selectOption("editor");
      await page.getByRole("button", { name: "Changer le rôle (Alice Martin)" }).click();
      await page.getByRole("dialog", { name: "Changer un rôle" }).getByRole("button", { name: "Changer le rôle" }).click();
      await page.getByRole("alert").getByText("Le programme doit garder au moins un ou une responsable.").waitFor({ timeout: 5_000 });
      assert.equal(await page.getByLabel("Rôle de Alice Martin").inputValue(), "lead");
      await assertNoViolations(page, "erreur dernier responsable");

      await page.getByRole("button", { name: "Retirer Émile Blanc" }).click();
      const remove = page.getByRole("dialog", { name: "Retirer un membre" });
      await remove.getByText("Émile Blanc n'aura plus accès", { exact: false }).waitFor();
      await remove.getByRole("button", { name: "Retirer" }).click();
      await page.getByRole("status").getByText("Émile Blanc ne fait plus partie du programme.").waitFor({ timeout: 5_000 });
      await row("Émile Blanc").waitFor({ state: "detached", timeout: 5_000 });
      assert.equal(await server.ctx.repos.memberships.find(emile._id, cast.programme._id), null);
      await assertNoViolations(page, "membre retiré");
    } finally {
      await context.close();
    }
  });
});
