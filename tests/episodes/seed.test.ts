// The demo seed: dated journals on an empty store, nothing at all on a second run.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { verify } from "@node-rs/argon2";
import { seedDemo } from "../../server/seed/seed.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { api } from "./client.ts";

describe("demo seed", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it("creates programmes, invented users and a numbered journal, once", async () => {
    const ctx = server.ctx;
    const signIns = await seedDemo(ctx);
    assert.ok(signIns.length >= 4);
    assert.ok(signIns.some((s) => s.name === "Camille Martin"));
    const camille = await ctx.repos.users.byEmail(signIns.find((s) => s.name === "Camille Martin")!.email);
    assert.ok(camille && (await verify(camille.passwordHash!, signIns[0]!.password)));

    const programmes = await ctx.repos.programmes.list();
    assert.equal(programmes.length, 5);
    const journal = (await ctx.repos.programmes.bySlug("nouvelles-mesures"))!;
    assert.equal(journal.territoryIds.length, 5);
    assert.ok(journal.intro.length > 100);
    assert.equal(journal.resources.length, 2);

    const episodes = await ctx.repos.episodes.forProgramme(journal._id);
    const published = episodes.filter((e) => e.status === "published").sort((a, b) => a.number! - b.number!);
    assert.deepEqual(
      published.map((e) => [e.number, e.title]),
      [
        [1, "Rappel des épisodes précédents"],
        [2, "Le choix du secteur culturel"],
        [3, "Instantanés d'enquête"],
        [4, "Que voudrait-on tester ?"],
        [5, "En route vers les tests"],
      ],
    );
    assert.equal(published[3]!.slug, "que-voudrait-on-tester");
    assert.deepEqual(episodes.filter((e) => e.status !== "published").map((e) => e.status).sort(), ["draft", "review"]);

    const revision = (await ctx.repos.revisions.latest(published[3]!._id))!;
    assert.match(revision.html, /^<p>À la sortie de l'enquête/);
    assert.ok(revision.html.includes("<blockquote>"));
    assert.ok(revision.html.includes("Première hypothèse\u00a0: ajouter"), "French spacing is kept in the render");
    const paragraphs = revision.html.match(/<p>/g)?.length ?? 0;
    assert.ok(paragraphs >= 3 && paragraphs <= 6);

    const res = await api(server).get(`/programmes/nouvelles-mesures/episodes`).expect(200);
    assert.equal(res.body.episodes.length, 5, "readers see the five published episodes only");

    // Dated along the programme's real timeline, through the publication path: #5 came out in March 2024.
    const fifth = (await ctx.repos.revisions.latest(published[4]!._id))!;
    assert.equal(fifth.publishedAt.toISOString().slice(0, 7), "2024-03");
    assert.equal(published[4]!.firstPublishedAt?.getTime(), fifth.publishedAt.getTime());
    assert.equal(published[4]!.updatedAt.getTime(), fifth.publishedAt.getTime());
    assert.ok(published[4]!.createdAt < fifth.publishedAt, "written before it was published");
    const days = published.map((e) => e.firstPublishedAt!.getTime());
    assert.deepEqual([...days].sort((a, b) => a - b), days, "numbers follow publication dates");
    assert.equal(journal.createdAt.toISOString().slice(0, 10), "2021-01-01", "a programme exists from its start");

    // The running programmes have begun their journals, with fresh French text.
    for (const [slug, count] of [["rebonds", 2], ["tronc-commun", 1]] as const) {
      const programme = (await ctx.repos.programmes.bySlug(slug))!;
      const list = await ctx.repos.episodes.published({ programmeId: programme._id });
      assert.deepEqual(list.map((e) => e.number).sort(), Array.from({ length: count }, (_, i) => i + 1), slug);
      for (const e of list) {
        const revision = (await ctx.repos.revisions.latest(e._id))!;
        const paragraphs = revision.html.match(/<p>/g)?.length ?? 0;
        assert.ok(paragraphs >= 3 && paragraphs <= 5, `${e.title}: ${paragraphs} paragraphs`);
        assert.ok(revision.publishedAt >= new Date(`${programme.period.start}-01`), "not before the programme began");
        assert.ok(revision.publishedAt <= new Date());
      }
    }
    const home = await (await fetch(`${server.url}/`)).text();
    const latest = home.slice(home.indexOf('id="derniers"'));
    for (const title of ["Tronc Commun", "Rebonds", "Nouvelles Mesures"]) assert.match(latest, new RegExp(`· ${title}</p>`), title);
    assert.ok(latest.indexOf("Premières lisières") < latest.indexOf("En route vers les tests"), "newest first");

    assert.deepEqual(await seedDemo(ctx), []);
    assert.equal((await ctx.repos.programmes.list()).length, 5);
    assert.equal((await ctx.repos.episodes.forProgramme(journal._id)).length, episodes.length);
  });
});
