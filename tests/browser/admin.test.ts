// The workspace's Mon compte and Administration screens in a browser: admin creations, refusal to others, password change, axe.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Page } from "playwright-core";
import { buildUser, TEST_PASSWORD } from "../helpers/factories.ts";
import { assertNoViolations, signedInContext, workspaceSuite } from "./workspace.ts";

/** A GET of the JSON API with the page's own session. */
async function apiGet<T>(page: Page, path: string): Promise<{ status: number; json: T }> {
  return await page.evaluate(async (p) => {
    const res = await fetch(p, { headers: { accept: "application/json" } });
    return { status: res.status, json: await res.json() };
  }, path);
}

/** True when nothing sticks out sideways (the screen reads on a 390 px phone without scrolling across). */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe("Mon compte and Administration", { timeout: 120_000 }, () => {
  const suite = workspaceSuite();

  test("an admin creates a territory, an account affiliated to it and a programme through the screen", async () => {
    const admin = await buildUser(suite.server.ctx, { name: "Ada Admin", isAdmin: true });
    const context = await signedInContext(suite.browser, suite.server, admin._id);
    try {
      const page = await context.newPage();
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${suite.server.origin}/atelier/`);
      await page.getByRole("navigation").getByRole("link", { name: "Administration" }).click();
      await page.getByRole("heading", { level: 1, name: "Administration" }).waitFor({ timeout: 10_000 });
      await page.getByRole("heading", { level: 2, name: "Comptes" }).waitFor();
      await page.getByText("Métropole de Lyon").first().waitFor();
      await assertNoViolations(page, "administration");
      assert.ok(await fitsWidth(page), "administration tient dans 390 px");

      // An empty name is refused beside the field, which gets the focus.
      await page.getByRole("button", { name: "Ajouter le territoire" }).click();
      const territoryName = page.getByLabel("Nom du territoire");
      await page.getByText("Ce champ est obligatoire.").waitFor();
      assert.equal(await territoryName.getAttribute("aria-invalid"), "true");
      await page.waitForFunction(() => document.activeElement?.getAttribute("aria-invalid") === "true");
      await territoryName.fill("Ville de Grenoble");
      await page.getByLabel("Type de territoire").selectOption({ label: "Commune" });
      await page.getByRole("button", { name: "Ajouter le territoire" }).click();
      await page.getByRole("status").getByText("Territoire « Ville de Grenoble » ajouté.").waitFor({ timeout: 5_000 });

      await page.getByRole("button", { name: "Renommer Ville de Grenoble" }).click();
      const rename = page.getByRole("dialog", { name: "Renommer un territoire" });
      await rename.getByLabel("Nouveau nom").fill("Grenoble");
      await rename.getByRole("button", { name: "Renommer" }).click();
      await page.getByRole("status").getByText("Le territoire s'appelle maintenant « Grenoble ».").waitFor({ timeout: 5_000 });

      await page.getByLabel("Adresse e-mail").fill("Gaelle.Petit@grenoble.example");
      await page.getByLabel("Nom", { exact: true }).fill("Gaëlle Petit");
      await page.getByLabel("Rattachement").selectOption({ label: "Grenoble" });
      await page.getByRole("button", { name: "Créer le compte" }).click();
      await page.getByRole("status").getByText("Compte créé pour Gaëlle Petit", { exact: false }).waitFor({ timeout: 5_000 });
      // The same e-mail again: the answer is tied to the e-mail field.
      await page.getByLabel("Adresse e-mail").fill("gaelle.petit@grenoble.example");
      await page.getByLabel("Nom", { exact: true }).fill("Gaëlle P.");
      await page.getByRole("button", { name: "Créer le compte" }).click();
      await page.getByText("Un compte existe déjà avec cet e-mail.").waitFor({ timeout: 5_000 });
      assert.equal(await page.getByLabel("Adresse e-mail").getAttribute("aria-invalid"), "true");

      // Deactivating oneself is refused with readable words.
      await page.getByRole("button", { name: "Désactiver Ada Admin" }).click();
      await page.getByRole("dialog", { name: "Désactiver un compte" }).getByRole("button", { name: "Désactiver" }).click();
      await page.getByRole("alert").getByText("Vous ne pouvez ni désactiver votre propre compte", { exact: false }).waitFor({ timeout: 5_000 });

      await page.getByLabel("Titre", { exact: true }).fill("Rues aux écoles");
      await page.getByLabel("Adresse (facultatif)").fill("rues-aux-ecoles");
      await page.getByLabel("Accroche (facultatif)").fill("Apaiser les abords des écoles.");
      await page.getByLabel("État du programme").selectOption("running");
      await page.getByLabel("Mois de début (facultatif)").fill("2026-09");
      await page.getByRole("button", { name: "Créer le programme" }).click();
      const open = page.getByRole("link", { name: "Ouvrir « Rues aux écoles » (réglages et membres)" });
      await open.waitFor({ timeout: 5_000 });
      await assertNoViolations(page, "administration après créations");
      assert.ok(await fitsWidth(page), "administration tient dans 390 px après créations");

      const territories = await apiGet<{ territories: { id: string; name: string; kind: string }[] }>(page, "/api/territories");
      const grenoble = territories.json.territories.find((t) => t.name === "Grenoble");
      assert.equal(grenoble?.kind, "commune");
      const users = await apiGet<{ users: { email: string; name: string; isAdmin: boolean; hasPassword: boolean; affiliation: { kind: string; territory?: { id: string } } }[] }>(
        page,
        "/api/users",
      );
      const gaelle = users.json.users.find((u) => u.email === "gaelle.petit@grenoble.example");
      assert.equal(gaelle?.name, "Gaëlle Petit");
      assert.equal(gaelle?.isAdmin, false);
      assert.equal(gaelle?.hasPassword, false);
      assert.equal(gaelle?.affiliation.territory?.id, grenoble?.id);
      const programmes = await apiGet<{ programmes: { id: string; slug: string; title: string; status: string; period: { start: string } }[] }>(page, "/api/programmes");
      const created = programmes.json.programmes.find((p) => p.slug === "rues-aux-ecoles");
      assert.equal(created?.title, "Rues aux écoles");
      assert.equal(created?.status, "running");
      assert.equal(created?.period.start, "2026-09");

      await open.click();
      await page.getByRole("heading", { level: 1, name: "Rues aux écoles" }).waitFor({ timeout: 10_000 });
      await page.getByRole("heading", { level: 2, name: "Membres" }).waitFor({ timeout: 10_000 });
    } finally {
      await context.close();
    }
  });

  test("someone who is not an admin sees no admin link and a plain refusal", async () => {
    const context = await signedInContext(suite.browser, suite.server, suite.cast.users.alice._id);
    try {
      const page = await context.newPage();
      await page.goto(`${suite.server.origin}/atelier/`);
      const nav = page.getByRole("navigation");
      await nav.getByRole("link", { name: "Mon compte" }).waitFor({ timeout: 10_000 });
      assert.equal(await nav.getByRole("link", { name: "Administration" }).count(), 0);
      await page.goto(`${suite.server.origin}/atelier/admin`);
      await page.getByText("Cette page est réservée aux administrateur·ices", { exact: false }).waitFor({ timeout: 10_000 });
      assert.equal(await page.getByRole("button", { name: "Créer le compte" }).count(), 0);
      assert.equal((await apiGet(page, "/api/users")).status, 403);
      await assertNoViolations(page, "administration refusée");
    } finally {
      await context.close();
    }
  });

  test("a user changes their password in Mon compte, other sessions end, and the new one signs in", async () => {
    const user = await buildUser(suite.server.ctx, { name: "Hugo Lambert", email: "hugo@example.org" });
    const context = await signedInContext(suite.browser, suite.server, user._id);
    const elsewhere = await signedInContext(suite.browser, suite.server, user._id);
    const fresh = await suite.browser.newContext({ locale: "fr-FR" });
    try {
      const page = await context.newPage();
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${suite.server.origin}/atelier/`);
      await page.getByRole("navigation").getByRole("link", { name: "Mon compte" }).click();
      await page.getByRole("heading", { level: 1, name: "Mon compte" }).waitFor({ timeout: 10_000 });
      await page.getByText("hugo@example.org").waitFor();
      await page.getByText("Le laboratoire").waitFor();
      await page.getByLabel("Réponses à mes commentaires").waitFor({ timeout: 10_000 });
      await page.getByText("Au moins 12 caractères", { exact: false }).waitFor();
      await assertNoViolations(page, "mon compte");
      assert.ok(await fitsWidth(page), "mon compte tient dans 390 px");

      // The switches moved here from the moderation screen, and still save.
      await page.getByLabel("Réponses à mes commentaires").uncheck();
      await page.getByRole("status").getByText("Préférences enregistrées.").waitFor({ timeout: 5_000 });

      const newPassword = "un nouveau mot de passe bien long";
      await page.getByLabel("Mot de passe actuel").fill("pas le bon mot de passe");
      await page.getByLabel("Nouveau mot de passe").fill(newPassword);
      await page.getByRole("button", { name: "Changer le mot de passe" }).click();
      await page.getByText("Le mot de passe actuel est incorrect.").waitFor({ timeout: 5_000 });
      assert.equal(await page.getByLabel("Mot de passe actuel").getAttribute("aria-invalid"), "true");
      await assertNoViolations(page, "mon compte, mot de passe refusé");

      await page.getByLabel("Mot de passe actuel").fill(TEST_PASSWORD);
      await page.getByRole("button", { name: "Changer le mot de passe" }).click();
      await page.getByRole("status").getByText("Vos autres sessions", { exact: false }).waitFor({ timeout: 10_000 });
      assert.equal((await apiGet(page, "/api/me")).status, 200);
      const other = await elsewhere.newPage();
      await other.goto(`${suite.server.origin}/atelier/`);
      assert.equal((await apiGet(other, "/api/me")).status, 401);

      const signIn = await fresh.newPage();
      await signIn.goto(`${suite.server.origin}/atelier/`);
      await signIn.getByLabel("Adresse e-mail").fill("hugo@example.org");
      await signIn.getByLabel("Mot de passe").fill(newPassword);
      await signIn.getByRole("button", { name: "Se connecter" }).click();
      await signIn.getByRole("heading", { level: 1, name: "Tableau de bord" }).waitFor({ timeout: 10_000 });
    } finally {
      await Promise.all([context.close(), elsewhere.close(), fresh.close()]);
    }
  });
});
