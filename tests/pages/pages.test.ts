// Public pages: home, journal and episode content from published revisions, redirects, French 404, no drafts.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Episode, Programme, Territory, User } from "../../server/domain/types.ts";
import {
  buildEpisodeRecord,
  buildProgramme,
  buildPublishedEpisode,
  buildRevision,
  buildTerritory,
  buildUser,
} from "../helpers/factories.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

let server: TestServer;
let programme: Programme;
let other: Programme;
let metropole: Territory;
let alice: User;
let first: Episode;
let draft: Episode;

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(server.url + path, { redirect: "manual", headers });
const text = async (path: string) => {
  const res = await get(path);
  assert.equal(res.status, 200, `${path} answers 200`);
  return await res.text();
};

before(async () => {
  server = await startTestServer();
  const ctx = server.ctx;
  metropole = await buildTerritory(ctx, { name: "Métropole de Lyon", kind: "intercommunalite" });
  const region = await buildTerritory(ctx, { name: "Région Occitanie", kind: "region" });
  alice = await buildUser(ctx, { name: "Alice Martin", affiliation: { kind: "territory", territoryId: metropole._id } });
  const bob = await buildUser(ctx, { name: "Bob Lab" });
  programme = await buildProgramme(ctx, {
    slug: "eclairer",
    title: "Éclairer la ville",
    tagline: "Moins de lumière, plus de nuit",
    intro: "Premier paragraphe de l'intro.\n\nSecond paragraphe.",
    status: "running",
    period: { start: "2024-03", end: "2026-12" },
    territoryIds: [metropole._id, region._id],
    funders: ["ANCT", "Banque des Territoires"],
    resources: [
      { label: "Rapport d'étape", url: "https://example.org/rapport.pdf" },
      { label: "Piège", url: "javascript:alert(1)" },
    ],
    contactEmail: "contact@example.org",
  });
  other = await buildProgramme(ctx, { slug: "fini", title: "Un programme fini", status: "finished" });
  first = (
    await buildPublishedEpisode(ctx, programme._id, {
      number: 1,
      title: "Le terrain",
      slug: "le-terrain",
      summary: "Où l'on arpente.",
      authorIds: [alice._id, bob._id],
      publishedAt: new Date("2024-04-02T10:00:00Z"),
    })
  ).episode;
  await buildPublishedEpisode(ctx, programme._id, {
    number: 5,
    title: "En route vers les tests",
    slug: "en-route",
    previousSlugs: ["vers-les-tests"],
    summary: "Les premiers essais <enfin>.",
    authorIds: [alice._id],
    html: '<h2>Première partie</h2><p>Le corps publié &amp; <a href="/carnets/eclairer">lien</a>.</p>',
    publishedAt: new Date("2024-09-15T08:00:00Z"),
  });
  draft = await buildEpisodeRecord(ctx, programme._id, { title: "Brouillon secret", slug: "brouillon-secret" });
  await buildEpisodeRecord(ctx, programme._id, { title: "En relecture secrète", slug: "relecture", status: "review" });
  await buildPublishedEpisode(ctx, other._id, { title: "Bilan final", slug: "bilan" });
});

after(async () => {
  await server.close();
});

describe("public pages", () => {
  it("home lists programmes, running first, with counts, and the latest episodes", async () => {
    const page = await text("/");
    assert.match(page, /<html lang="fr">/);
    assert.match(page, /<h1>Carnet<\/h1>/);
    const running = page.indexOf("Éclairer la ville");
    const finished = page.indexOf("Un programme fini");
    assert.ok(running > 0 && finished > running, "running programme comes first");
    assert.match(page, /Moins de lumière, plus de nuit/);
    assert.match(page, /En cours/);
    assert.match(page, /Terminé/);
    assert.match(page, /mars 2024 – décembre 2026/);
    assert.match(page, /2 partenaires · 2 épisodes/);
    assert.match(page, /#5 : En route vers les tests/);
    assert.match(page, /#1 : Bilan final/);
    assert.equal((page.match(/<h1[\s>]/g) ?? []).length, 1);
  });

  it("a programme page shows its presentation, partners, resources and numbered episodes", async () => {
    const page = await text("/carnets/eclairer");
    assert.match(page, /<h1>Éclairer la ville<\/h1>/);
    assert.match(page, /<p>Premier paragraphe de l&#39;intro.<\/p>\s*<p>Second paragraphe.<\/p>/);
    assert.match(page, /Métropole de Lyon <span class="kind">\(Intercommunalité \/ métropole\)<\/span>/);
    assert.match(page, /Région Occitanie <span class="kind">\(Région\)<\/span>/);
    assert.match(page, /Banque des Territoires/);
    assert.match(page, /À consulter/);
    assert.match(page, /<a href="https:\/\/example.org\/rapport.pdf">Rapport d&#39;étape<\/a>/);
    assert.doesNotMatch(page, /javascript:/);
    assert.match(page, /mailto:contact@example.org/);
    assert.match(page, /CC BY-SA 4.0/);
    assert.match(page, /<a href="\/carnets\/eclairer\/5-en-route">#5 : En route vers les tests<\/a>/);
    assert.match(page, /15 septembre 2024/);
    assert.match(page, /Les premiers essais &lt;enfin&gt;./);
    assert.ok(page.indexOf("#5 :") < page.indexOf("#1 :"), "latest episode first");
    assert.match(page, /href="\/carnets\/eclairer\/feed.atom"/);
    assert.match(page, /<link rel="alternate" type="application\/rss\+xml"[^>]*href="\/carnets\/eclairer\/feed.rss">/);
    assert.match(page, /"@type":"Blog"/);
  });

  it("an episode page serves the revision's HTML with credits, dates, neighbours and sharing tags", async () => {
    const page = await text("/carnets/eclairer/5-en-route");
    assert.match(page, /<h1 id="titre">#5 : En route vers les tests<\/h1>/);
    assert.match(page, /<h2>Première partie<\/h2><p>Le corps publié &amp; <a href="\/carnets\/eclairer">lien<\/a>.<\/p>/);
    assert.match(page, /Alice Martin <span class="territory">\(Métropole de Lyon\)<\/span>/);
    assert.match(page, /Publié le <time datetime="2024-09-15T08:00:00.000Z">15 septembre 2024<\/time>/);
    assert.match(page, /1 min de lecture/);
    assert.match(page, /aria-label="Fil d&#39;Ariane"/);
    assert.match(page, /Épisode précédent<\/span> #1 : Le terrain/);
    assert.doesNotMatch(page, /Épisode suivant/);
    assert.match(page, /<link rel="canonical" href="http:\/\/carnet.test\/carnets\/eclairer\/5-en-route">/);
    assert.match(page, /<meta property="og:title" content="#5 : En route vers les tests">/);
    assert.match(page, /<meta name="twitter:card" content="summary">/);
    assert.match(page, /<meta name="description" content="Les premiers essais &lt;enfin&gt;.">/);
    const ld = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)?.[1];
    assert.ok(ld, "JSON-LD present");
    assert.doesNotMatch(ld, /</, "no raw < inside JSON-LD");
    const data = JSON.parse(ld);
    assert.equal(data["@type"], "BlogPosting");
    assert.equal(data.description, "Les premiers essais <enfin>.");
    assert.equal(data.author[0].name, "Alice Martin");
    const older = await text("/carnets/eclairer/1-le-terrain");
    assert.match(older, /Épisode suivant<\/span> #5 : En route vers les tests/);
    assert.match(older, /Alice Martin.*Bob Lab/s);
  });

  it("editing the draft does not change the public page until the next revision", async () => {
    const ctx = server.ctx;
    await ctx.repos.episodes.update(first._id, { title: "Titre modifié en brouillon", summary: "Chapô du brouillon" });
    const page = await text("/carnets/eclairer/1-le-terrain");
    assert.doesNotMatch(page, /Titre modifié en brouillon|Chapô du brouillon/);
    const episode = (await ctx.repos.episodes.byId(first._id))!;
    await buildRevision(ctx, episode, { title: "Le terrain, revu", html: "<p>Version deux.</p>", publishedAt: new Date("2024-05-01T10:00:00Z") });
    const republished = await text("/carnets/eclairer/1-le-terrain");
    assert.match(republished, /#1 : Le terrain, revu/);
    assert.match(republished, /Version deux./);
    assert.match(republished, /mis à jour le <time datetime="2024-05-01T10:00:00.000Z">1 mai 2024<\/time>/);
  });

  it("redirects the number alone and old slugs to the canonical address with 301", async () => {
    for (const path of ["/carnets/eclairer/5", "/carnets/eclairer/5-vers-les-tests", "/carnets/eclairer/vers-les-tests", "/carnets/eclairer/en-route"]) {
      const res = await get(path);
      assert.equal(res.status, 301, path);
      assert.equal(res.headers.get("location"), "/carnets/eclairer/5-en-route", path);
    }
  });

  it("answers a French 404 page for unknown programmes, numbers and slugs", async () => {
    for (const path of ["/carnets/inconnu", "/carnets/eclairer/99", "/carnets/eclairer/5-pas-un-slug", "/carnets/inconnu/feed.atom", "/nulle-part"]) {
      const res = await get(path, { accept: "text/html" });
      assert.equal(res.status, 404, path);
      const page = await res.text();
      assert.match(page, /<html lang="fr">/);
      assert.match(page, /Page introuvable/);
      assert.match(page, /Retour à l&#39;accueil/);
    }
  });

  it("never shows drafts or episodes in review, by page, list, feed or sitemap", async () => {
    const ctx = server.ctx;
    // A draft that once had a number (it was unpublished) keeps it, yet must stay out of sight.
    await ctx.repos.episodes.update(draft._id, { number: 7 });
    const paths = ["/", "/carnets/eclairer", "/sitemap.xml", "/feed.atom", "/feed.rss", "/feed.json"];
    paths.push("/carnets/eclairer/feed.atom", "/carnets/eclairer/feed.rss", "/carnets/eclairer/feed.json");
    for (const path of paths) {
      const body = await text(path);
      assert.doesNotMatch(body, /Brouillon secret|brouillon-secret|relecture/i, path);
    }
    for (const path of ["/carnets/eclairer/7", "/carnets/eclairer/7-brouillon-secret", "/carnets/eclairer/brouillon-secret", "/carnets/eclairer/relecture"]) {
      assert.equal((await get(path)).status, 404, path);
    }
  });

  it("an unpublished episode disappears once its status changes", async () => {
    const ctx = server.ctx;
    const { episode } = await buildPublishedEpisode(ctx, other._id, { title: "Bientôt retiré", slug: "retire" });
    const path = `/carnets/fini/${episode.number}-retire`;
    assert.equal((await get(path)).status, 200);
    assert.match(await text("/carnets/fini"), /Bientôt retiré/);
    await ctx.repos.episodes.update(episode._id, { status: "draft" });
    ctx.events.emit("episode.statusChanged", { episodeId: episode._id, programmeId: other._id, status: "draft" });
    assert.equal((await get(path)).status, 404);
    assert.doesNotMatch(await text("/carnets/fini"), /Bientôt retiré/);
    assert.doesNotMatch(await text("/sitemap.xml"), /retire/);
  });

  it("serves robots.txt pointing at the sitemap", async () => {
    const robots = await text("/robots.txt");
    assert.match(robots, /^User-agent: \*$/m);
    assert.match(robots, /^Disallow: \/atelier\/$/m);
    assert.match(robots, /^Sitemap: http:\/\/carnet.test\/sitemap.xml$/m);
  });
});
