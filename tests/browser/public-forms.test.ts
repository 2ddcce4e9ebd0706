// Every public form as a reader, a partner and the team use it in Chromium: subscribe (home, programme, episode), confirm, unsubscribe, comment, reply.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ALL_PROGRAMMES } from "../../server/domain/subscriptions.ts";
import { assertNoViolations, signedInContext } from "./workspace.ts";
import { confirmFromMail, LAB, linkIn, mailTo, publicSuite, publishNew, subscribeFrom } from "./publicSuite.ts";

/** A phone's screen: the follow box comes last there, so the shortcut at the top matters. */
const PHONE = { viewport: { width: 375, height: 667 }, locale: "fr-FR", isMobile: true, hasTouch: true };

describe("public forms in a browser", { timeout: 180_000 }, () => {
  const suite = publicSuite();
  const took = (t: { diagnostic(message: string): void }, started: number) =>
    t.diagnostic(`durée dans le navigateur : ${Math.round(performance.now() - started)} ms`);

  test("from the home page on a phone: subscribe to everything, confirm from the e-mail, receive an episode, unsubscribe from its link", async (t) => {
    const started = performance.now();
    const { server, smtp, browser } = suite;
    const email = "lectrice@example.org";
    const context = await browser.newContext(PHONE);
    try {
      const page = await context.newPage();
      await subscribeFrom(page, `${server.origin}/`, email, "accueil");
      const title = `tous les programmes de ${LAB}`;
      await confirmFromMail(page, smtp, email, title);
      const sub = await server.ctx.repos.subscriptions.find(email, ALL_PROGRAMMES);
      assert.equal(sub?.status, "active");

      await publishNew(suite, "Les premiers tests");
      const announcement = await mailTo(smtp, email, 2);
      assert.match(announcement.subject, /Les premiers tests/);
      await page.goto(linkIn(announcement.text, "/abonnement/desabonner/"));
      await page.getByRole("heading", { level: 1, name: "Se désabonner" }).waitFor();
      await assertNoViolations(page, "se désabonner");
      await page.getByRole("button", { name: "Me désabonner" }).click();
      await page.getByRole("heading", { level: 1, name: "Désabonnement effectué" }).waitFor();
      await page.getByText(`Vous ne recevrez plus les nouveaux épisodes de : ${title}.`).waitFor();
      await assertNoViolations(page, "désabonnement effectué");
      assert.equal((await server.ctx.repos.subscriptions.byId(sub!._id))?.status, "unsubscribed");
    } finally {
      await context.close();
    }
    took(t, started);
  });

  // The programme's own page on a computer, one of its episodes on a phone: both follow that programme.
  for (const { where, email, options, path } of [
    { where: "a programme page", email: "elu@example.org", options: { locale: "fr-FR" }, path: () => suite.programmePath },
    { where: "an episode page on a phone", email: "agent@example.org", options: PHONE, path: () => suite.episode.path },
  ]) {
    test(`from ${where}: subscribe to its programme and confirm`, async (t) => {
      const started = performance.now();
      const { server, smtp, browser, cast } = suite;
      const context = await browser.newContext(options);
      try {
        const page = await context.newPage();
        await subscribeFrom(page, `${server.origin}${path()}`, email, where);
        await confirmFromMail(page, smtp, email, cast.programme.title);
        assert.equal((await server.ctx.repos.subscriptions.find(email, cast.programme._id))?.status, "active");
      } finally {
        await context.close();
      }
      took(t, started);
    });
  }

  test("a signed-in partner comments with the territory's badge; a team member of the lab replies with the lab's badge", async (t) => {
    const started = performance.now();
    const { server, browser, cast } = suite;
    const partner = await signedInContext(browser, server, cast.users.chloe._id);
    const lead = await signedInContext(browser, server, cast.users.alice._id);
    try {
      const page = await partner.newPage();
      await page.goto(`${server.origin}${suite.episode.path}`);
      await page.getByRole("heading", { level: 2, name: "Commentaires" }).waitFor();
      await assertNoViolations(page, "épisode, partenaire");
      await page.getByLabel("Votre commentaire").fill("Nous testons la même grille à Vénissieux.");
      await page.getByRole("button", { name: "Publier le commentaire" }).click();
      const comment = page.locator(".comment", { hasText: "Nous testons la même grille à Vénissieux." });
      await comment.waitFor();
      await comment.locator(".badge.territory", { hasText: cast.territory.name }).waitFor();
      await assertNoViolations(page, "commentaire publié");

      const team = await lead.newPage();
      await team.goto(`${server.origin}${suite.episode.path}`);
      await team.getByText("Répondre", { exact: true }).click();
      await team.getByLabel("Votre réponse").fill("Merci : partageons les résultats au prochain atelier.");
      await team.getByRole("button", { name: "Publier la réponse" }).click();
      const reply = team.locator(".comment-replies .comment", { hasText: "partageons les résultats" });
      await reply.waitFor();
      await reply.locator(".badge.territory", { hasText: LAB }).waitFor();
      await assertNoViolations(team, "réponse publiée");

      const stored = await server.ctx.repos.comments.forEpisode(suite.episode.id);
      assert.deepEqual(
        stored.map((c) => [c.authorId, c.parentId === null]),
        [
          [cast.users.chloe._id, true],
          [cast.users.alice._id, false],
        ],
      );
    } finally {
      await Promise.all([partner.close(), lead.close()]);
    }
    took(t, started);
  });
});
