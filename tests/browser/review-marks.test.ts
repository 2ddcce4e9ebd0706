// "Demander une relecture" in a browser: the editor submits, the partner follows the e-mail's link, signs in and marks "Relu"; the publish dialog says who has read it.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { collabAttachment } from "../../collab/server/index.ts";
import { mailQueueAttachment, reviewRequestsAttachment } from "../../server/attachments.ts";
import { buildTerritory, TEST_PASSWORD } from "../helpers/factories.ts";
import { activeSubscriber } from "../subscriptions/seed.ts";
import { mailingWorkspaceSuite } from "./mailingSuite.ts";
import { linkIn, mailTo } from "./publicSuite.ts";
import { assertNoViolations, newEpisode, openEpisode, signedInContext } from "./workspace.ts";

describe("review request and territories' Relu in a browser", { timeout: 180_000 }, () => {
  const suite = mailingWorkspaceSuite([mailQueueAttachment(), reviewRequestsAttachment, collabAttachment]);

  test("the editor submits; the partner follows the e-mail, signs in, marks Relu; the publish dialog shows it", async (t) => {
    const { server, smtp, browser, cast } = suite;
    const started = performance.now();
    const grenoble = await buildTerritory(server.ctx, { name: "Grenoble-Alpes Métropole", kind: "intercommunalite" });
    await server.ctx.repos.programmes.update(cast.programme._id, { territoryIds: [cast.territory._id, grenoble._id] });
    const subscriber = "abonne-navigateur@example.org";
    await activeSubscriber(server.ctx, subscriber, cast.programme._id);
    const draft = await newEpisode(server.ctx, cast.programme._id, cast.users.bruno._id, "La cantine de Vaulx-en-Velin");
    const editor = await signedInContext(browser, server, cast.users.bruno._id);
    const partner = await browser.newContext({ locale: "fr-FR" });
    try {
      const page = await editor.newPage();
      await openEpisode(page, server, draft._id);
      await page.getByRole("button", { name: "Soumettre en relecture" }).click();
      await page.getByRole("button", { name: "Repasser en brouillon" }).waitFor();
      await page.getByText(`${grenoble.name} : pas encore relu`).waitFor();

      const mail = await mailTo(smtp, cast.users.chloe.email, 1);
      assert.equal(mail.subject, "Relecture demandée : « La cantine de Vaulx-en-Velin »");
      const link = linkIn(mail.text, "/atelier/episodes/");
      assert.equal(link, `${server.origin}/atelier/episodes/${draft._id}`);

      const reading = await partner.newPage();
      await reading.goto(link);
      await reading.getByLabel("Adresse e-mail").fill(cast.users.chloe.email);
      await reading.getByLabel("Mot de passe").fill(TEST_PASSWORD);
      await reading.getByRole("button", { name: "Se connecter" }).click();
      await reading.getByRole("heading", { level: 1, name: "La cantine de Vaulx-en-Velin" }).waitFor();
      await reading.getByText(`${cast.territory.name} : pas encore relu`).waitFor();
      await assertNoViolations(reading, "relecture d'un·e partenaire");
      await reading.getByLabel("Commentaire pour l'équipe (facultatif)").fill("Conforme à ce que Lyon a vécu.");
      await reading.getByRole("button", { name: "Marquer comme relu" }).click();
      await reading.getByRole("status").getByText(`Marqué comme relu pour ${cast.territory.name}.`).waitFor();
      await reading.getByText(new RegExp(`${cast.territory.name} : relu par Chloé Roux le`)).waitFor();
      await reading.getByRole("button", { name: "Retirer « Relu »" }).waitFor();
      await assertNoViolations(reading, "épisode marqué comme relu");

      await page.getByRole("button", { name: "Publier" }).click();
      const dialog = page.getByRole("dialog", { name: "Publier l'épisode" });
      await dialog.getByText("Territoires ayant relu : 1 sur 2.").waitFor();
      await dialog.getByText(new RegExp(`${cast.territory.name} : relu par Chloé Roux le`)).waitFor();
      await dialog.getByText("Conforme à ce que Lyon a vécu.").waitFor();
      await dialog.getByText(`${grenoble.name} : pas encore relu`).waitFor();
      await assertNoViolations(page, "dialogue de publication avec la relecture des territoires");

      // Only the partner was asked: not the team, not the programme's subscriber.
      assert.deepEqual(smtp.to(subscriber), []);
      assert.deepEqual(smtp.to(cast.users.alice.email), []);
      assert.deepEqual(smtp.to(cast.users.bruno.email), []);
    } finally {
      await editor.close();
      await partner.close();
    }
    t.diagnostic(`durée dans le navigateur : ${Math.round(performance.now() - started)} ms`);
  });

  test("the editor's list of territories follows a partner's « Relu » live, without reloading", async () => {
    const { server, browser, cast } = suite;
    const draft = await newEpisode(server.ctx, cast.programme._id, cast.users.bruno._id, "Le marché de Villeurbanne");
    const editor = await signedInContext(browser, server, cast.users.bruno._id);
    const partner = await signedInContext(browser, server, cast.users.chloe._id);
    try {
      const page = await editor.newPage();
      await openEpisode(page, server, draft._id);
      await page.getByRole("button", { name: "Soumettre en relecture" }).click();
      const marks = page.getByRole("region", { name: "Relecture des territoires" });
      await marks.getByText(`${cast.territory.name} : pas encore relu`).waitFor();

      const reading = await partner.newPage();
      await reading.goto(`${server.origin}/atelier/episodes/${draft._id}`);
      await reading.getByRole("button", { name: "Marquer comme relu" }).click();
      await reading.getByRole("status").getByText(`Marqué comme relu pour ${cast.territory.name}.`).waitFor();

      // The editor's page was not reloaded: the notice came through its collaboration socket.
      await marks.getByText(new RegExp(`${cast.territory.name} : relu par Chloé Roux le`)).waitFor();
      await assertNoViolations(page, "liste des territoires mise à jour en direct");

      await reading.getByRole("button", { name: "Retirer « Relu »" }).click();
      await marks.getByText(`${cast.territory.name} : pas encore relu`).waitFor();
      // Opened afterwards, the publish dialog reads the same.
      await page.getByRole("button", { name: "Publier" }).click();
      await page.getByRole("dialog", { name: "Publier l'épisode" }).getByText(/Territoires ayant relu : 0 sur \d\./).waitFor();
    } finally {
      await editor.close();
      await partner.close();
    }
  });
});
