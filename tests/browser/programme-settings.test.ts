// A lead sets up everything the public journal shows from the workspace; the team's counts, "Nouvel épisode" and the order of episode lists.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ALL_PROGRAMMES } from "../../server/domain/subscriptions.ts";
import { buildTerritory } from "../helpers/factories.ts";
import { activeSubscriber } from "../subscriptions/seed.ts";
import { assertNoViolations, editorBox, newEpisode, signedInContext, workspaceSuite } from "./workspace.ts";

describe("programme settings in the workspace", { timeout: 120_000 }, () => {
  const suite = workspaceSuite();

  test("a lead edits period, partners, funders, links, contact and licence; the public page shows them", async (t) => {
    const started = performance.now();
    const { server, browser, cast } = suite;
    const grenoble = await buildTerritory(server.ctx, { name: "Ville de Grenoble", kind: "commune" });
    await activeSubscriber(server.ctx, "suit@example.org", cast.programme._id);
    await activeSubscriber(server.ctx, "tout@example.org", ALL_PROGRAMMES);
    await activeSubscriber(server.ctx, "parti@example.org", cast.programme._id, { status: "unsubscribed" });
    const context = await signedInContext(browser, server, cast.users.alice._id);
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}/atelier/programmes/${cast.programme._id}`);
      await page.getByText("Abonnés par e-mail confirmés : 1 à ce programme, 1 à tous les programmes.").waitFor({ timeout: 10_000 });
      const settings = page.getByRole("region", { name: "Réglages du programme" });
      await settings.getByRole("checkbox", { name: "Ville de Grenoble" }).waitFor();
      await assertNoViolations(page, "réglages du programme");

      await settings.getByLabel("Début du programme").fill("2025-01");
      await settings.getByLabel("Fin du programme").fill("2027-06");
      await settings.getByRole("checkbox", { name: "Ville de Grenoble" }).check();
      await settings.getByLabel("Financeurs").fill("ADEME\nBanque des Territoires\n");
      await settings.getByRole("button", { name: "Ajouter un lien à consulter" }).click();
      await settings.getByLabel("Intitulé du lien 1").fill("Rapport d'étape");
      await settings.getByLabel("Adresse du lien 1").fill("ftp://example.org/rapport.pdf");
      await settings.getByLabel("E-mail de contact").fill("equipe@example.org");
      await settings.getByLabel("Licence des textes").fill("CC BY 4.0");
      await settings.getByRole("button", { name: "Enregistrer" }).click();
      // A refused address is said, and nothing is written.
      await settings.getByRole("alert").getByText("adresse http(s) attendue", { exact: false }).waitFor({ timeout: 5_000 });
      assert.deepEqual((await server.ctx.repos.programmes.byId(cast.programme._id))?.funders, []);
      await assertNoViolations(page, "réglages refusés");

      await settings.getByLabel("Adresse du lien 1").fill("https://example.org/rapport.pdf");
      await settings.getByRole("button", { name: "Ajouter un lien à consulter" }).click();
      await settings.getByRole("button", { name: "Retirer le lien 2" }).click();
      await settings.getByRole("button", { name: "Enregistrer" }).click();
      await settings.getByRole("status").getByText("Réglages enregistrés.").waitFor({ timeout: 5_000 });

      const saved = await server.ctx.repos.programmes.byId(cast.programme._id);
      assert.deepEqual(saved?.period, { start: "2025-01", end: "2027-06" });
      assert.deepEqual(saved?.territoryIds, [cast.territory._id, grenoble._id]);
      assert.deepEqual(saved?.funders, ["ADEME", "Banque des Territoires"]);
      assert.deepEqual(saved?.resources, [{ label: "Rapport d'étape", url: "https://example.org/rapport.pdf" }]);
      assert.equal(saved?.contactEmail, "equipe@example.org");
      assert.equal(saved?.licence, "CC BY 4.0");

      await page.reload();
      await page.getByLabel("Licence des textes").waitFor({ timeout: 10_000 });
      assert.equal(await page.getByLabel("Licence des textes").inputValue(), "CC BY 4.0");
      assert.equal(await page.getByLabel("Adresse du lien 1").inputValue(), "https://example.org/rapport.pdf");

      await page.goto(`${server.origin}/carnets/${cast.programme.slug}`);
      for (const text of ["Ville de Grenoble", "Banque des Territoires", "equipe@example.org", "janvier 2025", "juin 2027"])
        await page.getByText(text, { exact: false }).first().waitFor();
      assert.equal(await page.getByRole("link", { name: "Rapport d'étape" }).getAttribute("href"), "https://example.org/rapport.pdf");
      await page.getByText("CC BY 4.0", { exact: false }).first().waitFor();
    } finally {
      await context.close();
    }
    t.diagnostic(`durée dans le navigateur : ${Math.round(performance.now() - started)} ms`);
  });

  test("the programme lists drafts and reviews first, then published episodes by number, highest first", async () => {
    const { server, browser, cast } = suite;
    const alice = cast.users.alice._id;
    const titles = ["Premier publié", "Second publié", "En relecture", "Brouillon"];
    const [first, second, review] = await Promise.all(titles.map((title) => newEpisode(server.ctx, cast.programme._id, alice, title)));
    await server.ctx.services.episodes.transition(first!._id, "publish", alice);
    await server.ctx.services.episodes.transition(second!._id, "publish", alice);
    await server.ctx.services.episodes.transition(review!._id, "submit", alice);
    const context = await signedInContext(browser, server, cast.users.bruno._id);
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}/atelier/programmes/${cast.programme._id}`);
      const rows = page.locator("table.episodes tbody tr");
      await rows.filter({ hasText: "Premier publié" }).waitFor({ timeout: 10_000 });
      const order = (await rows.locator("td:nth-child(2)").allTextContents()).filter((title) => titles.includes(title));
      assert.deepEqual(order, ["Brouillon", "En relecture", "Second publié", "Premier publié"]);
    } finally {
      await context.close();
    }
  });

  test("the dashboard offers 'Nouvel épisode' to the team, and it opens the new episode", async () => {
    const { server, browser, cast } = suite;
    const context = await signedInContext(browser, server, cast.users.bruno._id);
    const partner = await signedInContext(browser, server, cast.users.chloe._id);
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}/atelier/`);
      await page.getByRole("button", { name: "Nouvel épisode" }).click();
      const dialog = page.getByRole("dialog", { name: "Nouvel épisode" });
      await dialog.getByLabel("Titre de l'épisode").fill("Carnet de la semaine");
      await assertNoViolations(page, "nouvel épisode depuis le tableau de bord");
      await dialog.getByRole("button", { name: "Créer l'épisode" }).click();
      await editorBox(page).waitFor({ timeout: 10_000 });
      const created = (await server.ctx.repos.episodes.forProgramme(cast.programme._id)).find((e) => e.title === "Carnet de la semaine");
      assert.equal(created?.createdBy, cast.users.bruno._id);

      const other = await partner.newPage();
      await other.goto(`${server.origin}/atelier/`);
      await other.getByRole("heading", { level: 2, name: "Mes programmes" }).waitFor({ timeout: 10_000 });
      assert.equal(await other.getByRole("button", { name: "Nouvel épisode" }).count(), 0);
    } finally {
      await Promise.all([context.close(), partner.close()]);
    }
  });
});
