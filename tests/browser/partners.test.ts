// Partners, invitations and credits in a browser: a partner invited with a territory comments under its badge; pending invitations resent and revoked; the admin edits an account; writers credited by default.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { buildTerritory, buildUser } from "../helpers/factories.ts";
import { linkIn, mailTo, publicSuite } from "./publicSuite.ts";
import { assertNoViolations, ensureClientBuilt, linkState, newEpisode, openEpisode, signedInContext, typeAtEnd } from "./workspace.ts";

const took = (t: { diagnostic(message: string): void }, started: number) =>
  t.diagnostic(`durée dans le navigateur : ${Math.round(performance.now() - started)} ms`);

describe("partners, invitations and credits in a browser", { timeout: 180_000 }, () => {
  before(ensureClientBuilt);
  const suite = publicSuite();

  test("the lead invites a partner of a territory, resends the link; the partner accepts and comments with that territory's badge", async (t) => {
    const started = performance.now();
    const { server, smtp, browser, cast } = suite;
    const grenoble = await buildTerritory(server.ctx, { name: "Grenoble-Alpes Métropole", kind: "intercommunalite" });
    const email = "nadia@grenoble.example";
    const lead = await signedInContext(browser, server, cast.users.alice._id);
    const invitee = await browser.newContext({ locale: "fr-FR" });
    try {
      const page = await lead.newPage();
      await page.goto(`${server.origin}/atelier/programmes/${cast.programme._id}`);
      await page.getByRole("heading", { level: 3, name: "Invitations en attente" }).waitFor();
      await page.getByText("Aucune invitation en attente.").waitFor();
      await page.getByLabel("Adresse e-mail").fill(email);
      await page.getByLabel("Rôle", { exact: true }).selectOption({ label: "partenaire" });
      await page.getByLabel("Territoire du ou de la partenaire").selectOption({ label: grenoble.name });
      await assertNoViolations(page, "invitation d'un·e partenaire");
      await page.getByRole("button", { name: "Envoyer l'invitation" }).click();
      const pending = page.getByRole("list", { name: "Invitations en attente" }).getByRole("listitem");
      await pending.filter({ hasText: email }).filter({ hasText: grenoble.name }).waitFor();
      const first = linkIn((await mailTo(smtp, email, 1)).text, "/atelier/invitation/");

      await page.getByRole("button", { name: `Renvoyer ${email}` }).click();
      await page.getByRole("status").getByText(`Un nouveau lien a été envoyé à ${email}`).waitFor();
      const second = linkIn((await mailTo(smtp, email, 2)).text, "/atelier/invitation/");
      assert.notEqual(second, first);
      assert.equal((await fetch(`${server.origin}/api/invitations/${first.split("/").pop()}`)).status, 404, "l'ancien lien ne sert plus");
      assert.equal(await pending.count(), 1);

      const partnerPage = await invitee.newPage();
      await partnerPage.goto(second);
      await partnerPage.getByLabel("Votre nom").fill("Nadia Benali");
      await partnerPage.getByLabel("Nouveau mot de passe").fill("un long mot de passe pour Nadia");
      await partnerPage.getByRole("button", { name: "Accepter l'invitation" }).click();
      await partnerPage.waitForURL((url) => !url.pathname.includes("/invitation/"));
      const account = await server.ctx.repos.users.byEmail(email);
      assert.deepEqual(account?.affiliation, { kind: "territory", territoryId: grenoble._id });

      await partnerPage.goto(`${server.origin}${suite.episode.path}`);
      await partnerPage.getByLabel("Votre commentaire").fill("À Grenoble, la grille a été adoptée.");
      await partnerPage.getByRole("button", { name: "Publier le commentaire" }).click();
      const comment = partnerPage.locator(".comment", { hasText: "À Grenoble, la grille a été adoptée." });
      await comment.locator(".badge.territory", { hasText: grenoble.name }).waitFor();

      await page.reload();
      await page.getByText("Aucune invitation en attente.").waitFor();
    } finally {
      await lead.close();
      await invitee.close();
    }
    took(t, started);
  });

  test("the lead revokes a pending invitation after confirming; its link stops working", async (t) => {
    const started = performance.now();
    const { server, smtp, browser, cast } = suite;
    const email = "redactrice@example.org";
    const lead = await signedInContext(browser, server, cast.users.alice._id);
    try {
      const page = await lead.newPage();
      await page.goto(`${server.origin}/atelier/programmes/${cast.programme._id}`);
      await page.getByLabel("Adresse e-mail").fill(email);
      await page.getByRole("button", { name: "Envoyer l'invitation" }).click();
      const link = linkIn((await mailTo(smtp, email, 1)).text, "/atelier/invitation/");
      await page.getByRole("button", { name: `Annuler l'invitation ${email}` }).click();
      const dialog = page.getByRole("dialog", { name: "Annuler une invitation" });
      await dialog.getByText(`Le lien envoyé à ${email} ne fonctionnera plus.`).waitFor();
      await assertNoViolations(page, "annuler une invitation");
      await dialog.getByRole("button", { name: "Annuler l'invitation" }).click();
      await page.getByRole("status").getByText(`L'invitation de ${email} est annulée.`).waitFor();
      await page.getByText("Aucune invitation en attente.").waitFor();
      assert.equal((await fetch(`${server.origin}/api/invitations/${link.split("/").pop()}`)).status, 404);
    } finally {
      await lead.close();
    }
    took(t, started);
  });

  test("the admin edits an account's name, territory and admin flag", async (t) => {
    const started = performance.now();
    const { server, browser } = suite;
    const admin = await buildUser(server.ctx, { name: "Ada Admin", isAdmin: true });
    const someone = await buildUser(server.ctx, { name: "Jean Dupond" });
    const context = await signedInContext(browser, server, admin._id);
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}/atelier/admin`);
      await page.getByRole("button", { name: "Modifier Jean Dupond" }).click();
      const dialog = page.getByRole("dialog", { name: "Modifier le compte de Jean Dupond" });
      await dialog.getByLabel("Nom", { exact: true }).fill("Jean Dupont");
      await dialog.getByLabel("Rattachement").selectOption({ label: suite.cast.territory.name });
      await dialog.getByLabel("Administrateur·ice de l'instance (peut tout faire)").check();
      await assertNoViolations(page, "modifier un compte");
      await dialog.getByRole("button", { name: "Enregistrer" }).click();
      await page.getByRole("status").getByText("Le compte de Jean Dupont est enregistré.").waitFor();
      const saved = await server.ctx.repos.users.byId(someone._id);
      assert.equal(saved?.name, "Jean Dupont");
      assert.equal(saved?.isAdmin, true);
      assert.deepEqual(saved?.affiliation, { kind: "territory", territoryId: suite.cast.territory._id });
    } finally {
      await context.close();
    }
    took(t, started);
  });

  test("everyone who wrote in the body is credited by default; an unticked writer is left out of the publication", async (t) => {
    const started = performance.now();
    const { server, browser, cast } = suite;
    const { alice, bruno } = cast.users;
    const editor = await signedInContext(browser, server, bruno._id);
    try {
      const draft = await newEpisode(server.ctx, cast.programme._id, alice._id, "Les écrits de Bruno");
      const page = await editor.newPage();
      await openEpisode(page, server, draft._id);
      await typeAtEnd(page, "Bruno a écrit ce paragraphe.");
      await linkState(page, "saved");
      await openEpisode(page, server, draft._id);
      const credit = page.getByRole("checkbox", { name: bruno.name });
      assert.equal(await credit.isChecked(), true, "celui qui a écrit est crédité d'office");
      assert.equal(await page.getByRole("checkbox", { name: alice.name }).isChecked(), true);

      const other = await newEpisode(server.ctx, cast.programme._id, alice._id, "Le compte de Bruno");
      await openEpisode(page, server, other._id);
      await typeAtEnd(page, "Bruno écrit encore.");
      await linkState(page, "saved");
      await openEpisode(page, server, other._id);
      // The box follows what the server holds: it shows unticked once the change is saved.
      await page.getByRole("checkbox", { name: bruno.name }).click();
      await page.getByRole("checkbox", { name: bruno.name, checked: false }).waitFor();
      await openEpisode(page, server, other._id);
      assert.equal(await page.getByRole("checkbox", { name: bruno.name }).isChecked(), false, "décoché, il le reste");

      const kept = await server.ctx.services.episodes.transition(draft._id, "publish", alice._id);
      const unticked = await server.ctx.services.episodes.transition(other._id, "publish", alice._id);
      const revisionOf = async (id: string) => (await server.ctx.repos.revisions.forEpisode(id))[0]!;
      assert.deepEqual((await revisionOf(kept._id)).authorIds.sort(), [alice._id, bruno._id].sort());
      assert.deepEqual((await revisionOf(unticked._id)).authorIds, [alice._id]);
    } finally {
      await editor.close();
    }
    took(t, started);
  });
});
