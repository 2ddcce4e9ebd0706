// Correcting a published episode in the atelier: "Mettre à jour" keeps the number, shows the update date publicly and e-mails nobody; unpublishing and restoring ask first.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { episodePath, feedPath } from "../../server/pages/urls.ts";
import { confirmFromMail, mailTo, publicSuite, publishNew, subscribeFrom } from "./publicSuite.ts";
import { assertNoViolations, correctEndInPlace, editorBox, ensureClientBuilt, linkState, newEpisode, openEpisode, signedInContext, typeAtEnd } from "./workspace.ts";

describe("updating a published episode in a browser", { timeout: 180_000 }, () => {
  before(ensureClientBuilt);
  const suite = publicSuite();

  test("an editor corrects a typo with « Mettre à jour »: same number, fix and update date in page, feeds and sitemap, no second e-mail", async (t) => {
    const started = performance.now();
    const { server, smtp, browser, cast } = suite;
    const email = "abonnee@example.org";
    const reader = await browser.newContext({ locale: "fr-FR" });
    const editor = await signedInContext(browser, server, cast.users.bruno._id);
    try {
      const readerPage = await reader.newPage();
      await subscribeFrom(readerPage, `${server.origin}/carnets/${cast.programme.slug}`, email, "programme");
      await confirmFromMail(readerPage, smtp, email, cast.programme.title);

      const draft = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "Le compte rendu");
      const page = await editor.newPage();
      await openEpisode(page, server, draft._id);
      await typeAtEnd(page, "La cantine sert une fote");
      await linkState(page, "saved");
      const published = await server.ctx.services.episodes.transition(draft._id, "publish", cast.users.alice._id);
      const announcement = await mailTo(smtp, email, 2);
      assert.match(announcement.subject, /Le compte rendu/);

      // The editor reloads the screen (it now knows the episode is published) and fixes the typo.
      await openEpisode(page, server, draft._id);
      await correctEndInPlace(page, { wrong: "fote", right: "faute", reads: "La cantine sert une faute", number: published.number! });

      const updated = (await server.ctx.repos.episodes.byId(draft._id))!;
      assert.equal(updated.status, "published");
      assert.equal(updated.number, published.number);
      const revisions = await server.ctx.repos.revisions.forEpisode(draft._id);
      assert.equal(revisions.length, 2);
      const latest = revisions.reduce((a, b) => (a.seq > b.seq ? a : b));
      assert.equal(latest.number, published.number);

      const path = episodePath(cast.programme.slug, published.number!, published.slug);
      await readerPage.goto(`${server.origin}${path}`);
      await readerPage.getByText("La cantine sert une faute").waitFor();
      assert.equal(await readerPage.getByText("La cantine sert une fote").count(), 0);
      await readerPage.getByText(/mis à jour le/).waitFor();
      await assertNoViolations(readerPage, "page publique mise à jour");

      const stamp = latest.publishedAt.toISOString();
      const atom = await (await fetch(`${server.origin}${feedPath("atom", cast.programme.slug)}`)).text();
      assert.ok(atom.includes(`<updated>${stamp}</updated>`), "Atom : <updated> porte la date de mise à jour");
      const json = (await (await fetch(`${server.origin}${feedPath("json", cast.programme.slug)}`)).json()) as {
        items: { title: string; date_modified: string; date_published: string }[];
      };
      const item = json.items.find((i) => i.title.includes("Le compte rendu"));
      assert.equal(item?.date_modified, stamp);
      assert.notEqual(item?.date_published, stamp);
      const sitemap = await (await fetch(`${server.origin}/sitemap.xml`)).text();
      assert.ok(sitemap.includes(`${path}</loc><lastmod>${stamp}</lastmod>`), "plan du site : date de mise à jour");

      // The queue sends in order: once the next episode's announcement is in, an update e-mail would be too.
      await publishNew(suite, "Le menu suivant");
      const next = await mailTo(smtp, email, 3);
      assert.match(next.subject, /Le menu suivant/);
      assert.equal(smtp.to(email).filter((m) => /Le compte rendu/.test(m.subject)).length, 1);
    } finally {
      await reader.close();
      await editor.close();
    }
    t.diagnostic(`durée dans le navigateur : ${Math.round(performance.now() - started)} ms`);
  });

  test("unpublishing asks first and says what happens; restoring a revision offers to publish it as an update", async (t) => {
    const started = performance.now();
    const { server, browser, cast } = suite;
    const editor = await signedInContext(browser, server, cast.users.bruno._id);
    try {
      const draft = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "La visite");
      const page = await editor.newPage();
      await openEpisode(page, server, draft._id);
      await typeAtEnd(page, "Première version");
      await linkState(page, "saved");
      const published = await server.ctx.services.episodes.transition(draft._id, "publish", cast.users.alice._id);

      await openEpisode(page, server, draft._id);
      await page.getByRole("button", { name: "Dépublier" }).click();
      const ask = page.getByRole("dialog", { name: "Dépublier l'épisode ?" });
      await ask.getByText(`La page de l'épisode #${published.number} quitte le site`).waitFor();
      await ask.getByText("Son numéro n'est jamais réutilisé").waitFor();
      await assertNoViolations(page, "dialogue de dépublication");
      await ask.getByRole("button", { name: "Annuler" }).click();
      await ask.waitFor({ state: "detached" });
      assert.equal((await server.ctx.repos.episodes.byId(draft._id))?.status, "published");

      await typeAtEnd(page, " retouchée");
      await editorBox(page).getByText("Première version retouchée").waitFor();
      await linkState(page, "saved");
      await page.getByRole("button", { name: "Restaurer 1" }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Restaurer" }).click();
      const offer = page.getByRole("dialog", { name: "Publier le texte restauré ?" });
      await offer.getByText(`publier ce texte comme mise à jour de l'épisode #${published.number}`).waitFor();
      await editorBox(page).getByText("Première version", { exact: true }).waitFor();
      await offer.getByRole("button", { name: "Publier comme mise à jour" }).click();
      await page.getByRole("status").getByText(`Épisode #${published.number} mis à jour.`).waitFor();
      const revisions = await server.ctx.repos.revisions.forEpisode(draft._id);
      assert.equal(revisions.length, 2);
      assert.ok(revisions.every((r) => r.number === published.number && r.html.includes("Première version")));
      assert.ok(revisions.every((r) => !r.html.includes("retouchée")));

      await page.getByRole("button", { name: "Dépublier" }).click();
      await page.getByRole("dialog", { name: "Dépublier l'épisode ?" }).getByRole("button", { name: "Dépublier" }).click();
      await page.getByRole("status").getByText("Épisode dépublié : il est redevenu un brouillon.").waitFor();
      assert.equal((await server.ctx.repos.episodes.byId(draft._id))?.status, "draft");
    } finally {
      await editor.close();
    }
    t.diagnostic(`durée dans le navigateur : ${Math.round(performance.now() - started)} ms`);
  });
});
