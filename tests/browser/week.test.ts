// A week of a programme in Chromium, end to end: a lead, two editors, an invited partner and a reader, each in their own browser, through every screen they pass.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Locator, Page } from "playwright-core";
import { episodePath } from "../../server/pages/urls.ts";
import { buildMembership, buildTerritory, buildUser } from "../helpers/factories.ts";
import { confirmFromMail, linkIn, mailTo, publicSuite, publishNew, subscribeFrom } from "./publicSuite.ts";
import {
  assertNoViolations,
  correctEndInPlace,
  editorBox,
  ensureClientBuilt,
  linkState,
  openEpisode,
  selectText,
  signedInContext,
  typeAtEnd,
} from "./workspace.ts";

const titleField = (page: Page) => page.getByLabel("Titre de l'épisode");
const summaryField = (page: Page) => page.getByLabel("Chapô");

/** Waits until a form field holds `want` (what someone else typed in it). */
async function fieldShows(field: Locator, want: string): Promise<void> {
  const element = await field.elementHandle();
  await field.page().waitForFunction(([el, expected]) => (el as HTMLInputElement).value === expected, [element, want] as const, { timeout: 10_000 });
}

describe("a week of a programme in a browser", { timeout: 300_000 }, () => {
  before(ensureClientBuilt);
  const suite = publicSuite();

  test("invite a partner, co-write title and body, review, publish #N to a new subscriber, correct it in place, comment publicly, moderate", async (t) => {
    const { server, smtp, browser, cast } = suite;
    const { alice } = cast.users;
    const grenoble = await buildTerritory(server.ctx, { name: "Grenoble-Alpes Métropole", kind: "intercommunalite" });
    const bruno = cast.users.bruno;
    const denise = await buildUser(server.ctx, { name: "Denise Faure" });
    await buildMembership(server.ctx, denise._id, cast.programme._id, "editor");
    const partnerEmail = "nadia@grenoble.example";
    const readerEmail = "lecteur@example.org";

    const lead = await signedInContext(browser, server, alice._id);
    const editorA = await signedInContext(browser, server, bruno._id);
    const editorB = await signedInContext(browser, server, denise._id);
    const partner = await browser.newContext({ locale: "fr-FR" });
    const reader = await browser.newContext({ locale: "fr-FR" });
    const timings: [string, number][] = [];
    const journey = async (name: string, steps: () => Promise<void>) => {
      const started = performance.now();
      await steps();
      timings.push([name, Math.round(performance.now() - started)]);
    };
    try {
      const leadPage = await lead.newPage();
      const partnerPage = await partner.newPage();
      await journey("la responsable invite une partenaire de Grenoble, qui accepte", async () => {
        await leadPage.goto(`${server.origin}/atelier/programmes/${cast.programme._id}`);
        await leadPage.getByLabel("Adresse e-mail").fill(partnerEmail);
        await leadPage.getByLabel("Rôle", { exact: true }).selectOption({ label: "partenaire" });
        await leadPage.getByLabel("Territoire du ou de la partenaire").selectOption({ label: grenoble.name });
        await assertNoViolations(leadPage, "programme : inviter une partenaire");
        await leadPage.getByRole("button", { name: "Envoyer l'invitation" }).click();
        await leadPage.getByRole("list", { name: "Invitations en attente" }).getByRole("listitem").filter({ hasText: partnerEmail }).waitFor();

        await partnerPage.goto(linkIn((await mailTo(smtp, partnerEmail, 1)).text, "/atelier/invitation/"));
        await partnerPage.getByLabel("Votre nom").fill("Nadia Benali");
        await partnerPage.getByLabel("Nouveau mot de passe").fill("un long mot de passe pour Nadia");
        await assertNoViolations(partnerPage, "accepter l'invitation");
        await partnerPage.getByRole("button", { name: "Accepter l'invitation" }).click();
        await partnerPage.waitForURL((url) => !url.pathname.includes("/invitation/"));
        await partnerPage.getByRole("heading", { level: 1, name: cast.programme.title }).waitFor();
        await assertNoViolations(partnerPage, "programme vu par la partenaire");
      });
      const nadia = (await server.ctx.repos.users.byEmail(partnerEmail))!;
      assert.deepEqual(nadia.affiliation, { kind: "territory", territoryId: grenoble._id });

      const a = await editorA.newPage();
      const b = await editorB.newPage();
      let episodeId = "";
      await journey("deux rédacteurs écrivent ensemble le titre, le chapô et le texte", async () => {
        await a.goto(`${server.origin}/atelier/`);
        await a.getByRole("button", { name: "Nouvel épisode" }).click();
        await a.getByRole("dialog", { name: "Nouvel épisode" }).getByLabel("Titre de l'épisode").fill("Brouillon de la semaine");
        await assertNoViolations(a, "nouvel épisode");
        await a.getByRole("button", { name: "Créer l'épisode" }).click();
        await linkState(a, "saved");
        episodeId = new URL(a.url()).pathname.split("/").pop()!;

        await b.goto(`${server.origin}/atelier/programmes/${cast.programme._id}`);
        await b.getByRole("link", { name: "Brouillon de la semaine" }).click();
        await linkState(b, "saved");
        await assertNoViolations(b, "l'épisode ouvert par la seconde rédactrice");

        // Each types in a field the other is looking at: the other's field follows, keystroke by keystroke.
        await titleField(a).fill("");
        await titleField(a).pressSequentially("Ce que la cantine de Vénissieux nous apprend");
        await fieldShows(titleField(b), "Ce que la cantine de Vénissieux nous apprend");
        await b.getByRole("heading", { level: 1, name: "Ce que la cantine de Vénissieux nous apprend" }).waitFor();
        await summaryField(b).pressSequentially("Une semaine de tests à la cantine.");
        await fieldShows(summaryField(a), "Une semaine de tests à la cantine.");
        // Bruno adds a word to the title while Denise's summary is in: nobody's change is lost.
        await titleField(a).press("End");
        await titleField(a).pressSequentially(" (1)");
        await typeAtEnd(a, "Les enfants goûtent le menu végétarien.");
        await editorBox(b).getByText("Les enfants goûtent le menu végétarien.").waitFor();
        await typeAtEnd(b, " Ils en redemandent, sauf la fote du jour.");
        await editorBox(a).getByText("Ils en redemandent, sauf la fote du jour.").waitFor();
        await Promise.all([linkState(a, "saved"), linkState(b, "saved")]);
        await assertNoViolations(a, "éditeur à deux");
        await b.getByRole("heading", { level: 1, name: "Ce que la cantine de Vénissieux nous apprend (1)" }).waitFor();
        assert.equal(await summaryField(a).inputValue(), "Une semaine de tests à la cantine.");
      });

      await journey("soumission en relecture ; la partenaire lit et commente", async () => {
        await a.getByRole("button", { name: "Soumettre en relecture" }).click();
        await a.locator(".head-meta").getByText("En relecture").waitFor();
        await partnerPage.goto(`${server.origin}/atelier/programmes/${cast.programme._id}`);
        await partnerPage.getByRole("link", { name: "Ce que la cantine de Vénissieux nous apprend (1)" }).click();
        await editorBox(partnerPage).getByText("Ils en redemandent").waitFor();
        await partnerPage.getByText("Une semaine de tests à la cantine.").waitFor();
        await assertNoViolations(partnerPage, "relecture par la partenaire");
        // She selects the sentence in the text and comments it; the editor sees the thread beside the text.
        await selectText(partnerPage, "Ils en redemandent, sauf la fote du jour.");
        await partnerPage.getByRole("button", { name: "Commenter" }).click();
        await partnerPage.getByLabel("Votre commentaire sur ce passage").fill("À Grenoble, nous avons vu la même chose.");
        await assertNoViolations(partnerPage, "commentaire de relecture de la partenaire");
        await partnerPage.getByRole("button", { name: "Publier le commentaire" }).click();
        await a.locator(".review-thread", { hasText: "À Grenoble, nous avons vu la même chose." }).waitFor();
      });

      const readerPage = await reader.newPage();
      await journey("un lecteur s'abonne par le formulaire et confirme depuis l'e-mail", async () => {
        await subscribeFrom(readerPage, `${server.origin}${suite.programmePath}`, readerEmail, "page du programme");
        await confirmFromMail(readerPage, smtp, readerEmail, cast.programme.title);
      });

      let number = 0;
      let path = "";
      await journey("la responsable publie l'épisode ; le lecteur le reçoit", async () => {
        await openEpisode(leadPage, server, episodeId);
        await leadPage.getByRole("button", { name: "Publier", exact: true }).click();
        const dialog = leadPage.getByRole("dialog", { name: "Publier l'épisode" });
        const willGet = dialog.getByText(/Cet épisode recevra le numéro #\d+\./);
        await willGet.waitFor();
        number = Number(/#(\d+)/.exec((await willGet.textContent()) ?? "")?.[1]);
        await assertNoViolations(leadPage, "dialogue de publication");
        await dialog.getByRole("button", { name: "Publier" }).click();
        await leadPage.getByRole("status").getByText(`Épisode publié : numéro #${number}.`).waitFor();
        const announcement = await mailTo(smtp, readerEmail, 2);
        assert.match(announcement.subject, /Ce que la cantine de Vénissieux nous apprend \(1\)/);
        // The address comes from the title as it was at first publication, not as the episode was created.
        path = episodePath(cast.programme.slug, number, "ce-que-la-cantine-de-venissieux-nous-apprend-1");
        const link = new RegExp(`https?://\\S+${path}`).exec(announcement.text);
        assert.ok(link, `pas de lien vers ${path} dans : ${announcement.text}`);
        await readerPage.goto(link[0]);
        await readerPage.getByText("Ils en redemandent, sauf la fote du jour.").waitFor();
        assert.equal(new URL(readerPage.url()).pathname, path);
        await assertNoViolations(readerPage, "épisode publié");
      });

      await journey("un rédacteur corrige une faute avec « Mettre à jour » ; pas de second e-mail", async () => {
        await openEpisode(a, server, episodeId);
        await correctEndInPlace(a, { wrong: "fote du jour.", right: "faute du jour.", reads: "sauf la faute du jour.", number });

        // The reader still has the page open: reloading asks the server again (the page may be kept a minute otherwise).
        await readerPage.reload();
        await readerPage.getByText("sauf la faute du jour.").waitFor();
        await readerPage.getByText(/mis à jour le/).waitFor();
        await assertNoViolations(readerPage, "épisode mis à jour");
        // The queue sends in order: once the next episode's announcement is in, an update e-mail would be too.
        await publishNew(suite, "La semaine suivante");
        assert.match((await mailTo(smtp, readerEmail, 3)).subject, /La semaine suivante/);
        assert.equal(smtp.to(readerEmail).filter((m) => /Vénissieux/.test(m.subject)).length, 1);
      });

      await journey("la partenaire commente la page publique sous le badge de son territoire", async () => {
        await partnerPage.goto(`${server.origin}${path}`);
        await partnerPage.getByLabel("Votre commentaire").fill("Merci : nous reprenons la grille à Grenoble.");
        await partnerPage.getByRole("button", { name: "Publier le commentaire" }).click();
        const comment = partnerPage.locator(".comment", { hasText: "nous reprenons la grille" });
        await comment.locator(".badge.territory", { hasText: grenoble.name }).waitFor();
        await assertNoViolations(partnerPage, "commentaire public de la partenaire");
      });

      await journey("la responsable masque un commentaire", async () => {
        await leadPage.goto(`${server.origin}/atelier/commentaires`);
        const item = leadPage.getByRole("listitem").filter({ hasText: "nous reprenons la grille" });
        await item.waitFor();
        await assertNoViolations(leadPage, "modération");
        await item.getByRole("button", { name: "Masquer le commentaire de Nadia Benali" }).click();
        await item.getByRole("button", { name: "Afficher à nouveau le commentaire de Nadia Benali" }).waitFor();
        await readerPage.reload();
        await readerPage.getByRole("heading", { level: 2, name: "Commentaires" }).waitFor();
        assert.equal(await readerPage.getByText("nous reprenons la grille").count(), 0);
        await assertNoViolations(readerPage, "épisode après modération");
      });

      // The review thread stays among the members, beside the text; the public comment is the one the lead hid.
      const thread = await server.ctx.repos.reviews.forEpisode(episodeId);
      assert.deepEqual(
        thread.map((c) => [c.authorId, c.anchor?.quote, c.resolvedAt]),
        [[nadia._id, "Ils en redemandent, sauf la fote du jour.", null]],
      );
      const comments = await server.ctx.repos.comments.forEpisode(episodeId);
      assert.deepEqual(
        comments.map((c) => [c.authorId, c.status]),
        [[nadia._id, "hidden"]],
      );
    } finally {
      await Promise.all([lead.close(), editorA.close(), editorB.close(), partner.close(), reader.close()]);
    }
    for (const [name, ms] of timings) t.diagnostic(`${name} : ${ms} ms`);
  });
});
