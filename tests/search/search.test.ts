// Search: French queries and their expected hits, ranking, highlighting, pages, the index following events, and the policy in the atelier.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { SearchView } from "../../server/api/search/presenter.ts";
import type { Episode } from "../../server/domain/types.ts";
import { $createParagraphNode, $createTextNode, $getRoot } from "lexical";
import { changeDoc } from "../../collab/schema/documents.ts";
import { episodeRoom } from "../../collab/schema/rooms.ts";
import { newId } from "../../server/store/ids.ts";
import { buildEpisode } from "../helpers/episodes.ts";
import { buildEpisodeRecord, buildProgramme, buildPublishedEpisode, buildTerritory, type Cast } from "../helpers/factories.ts";
import type { TestServer } from "../helpers/server.ts";
import { useCastServer } from "../helpers/suite.ts";

describe("search", () => {
  let server: TestServer;
  let cast: Cast;
  const eps: Record<string, Episode> = {};
  useCastServer((s, c) => {
    server = s;
    cast = c;
  });

  const page = async (path: string) => {
    const res = await fetch(server.url + path);
    return { status: res.status, body: await res.text() };
  };
  const api = async (q: string, who: keyof Cast["cookies"] | null, extra = "") => {
    const res = await fetch(`${server.url}/api/search?q=${encodeURIComponent(q)}${extra}`, {
      headers: who ? { cookie: cast.cookies[who] } : {},
    });
    return { status: res.status, body: (await res.json()) as SearchView & { error?: { code: string } } };
  };
  /** The titles of the public results, in order. */
  const publicTitles = async (q: string, within?: string) => {
    const { body } = await page(`${within ? `/carnets/${within}` : ""}/recherche?q=${encodeURIComponent(q)}`);
    return [...body.matchAll(/<li class="search-result"><article>\n<h2><a href="[^"]+">#\d+ : ([^<]*(?:<mark>[^<]*<\/mark>[^<]*)*)<\/a>/g)].map((m) =>
      m[1]!.replace(/<\/?mark>/g, "").replaceAll("&#39;", "'"),
    );
  };

  before(async () => {
    const ctx = server.ctx;
    const lyon = await buildTerritory(ctx, { name: "Métropole de Lyon", kind: "intercommunalite" });
    const other = await buildProgramme(ctx, { slug: "mobilites", title: "Mobilités du quotidien", territoryIds: [lyon._id] });
    const publish = async (key: string, programmeId: string, title: string, summary: string, html: string) => {
      const n = Object.keys(eps).length + 1;
      eps[key] = (await buildPublishedEpisode(ctx, programmeId, { title, slug: `ep-${n}`, summary, html })).episode;
    };
    const p = cast.programme._id;
    await publish("eau", p, "Mesurer la qualité de l'eau", "Les mesures faites avec les habitants.", "<p>Une enquête écologique sur les rivières.</p>");
    await publish("jardins", p, "Jardins partagés", "", "<p>La transition écologique des quartiers, &lt;Cœur&gt; du projet.</p>");
    await publish("ecoles", p, "Rénovation des écoles", "Un chantier.", "<p>Les rénovations énergétiques avancent.</p>");
    await publish("potager", p, "Un été au potager", "", "<p>Nous avons visité trois jardins ouvriers.</p>");
    await publish("velo", other._id, "Le vélo en hiver", "Pédaler quand il gèle.", "<p>Les pistes cyclables.</p>");
  });

  const table: [query: string, expected: string[]][] = [
    ["mesure", ["Mesurer la qualité de l'eau"]],
    ["MESURES", ["Mesurer la qualité de l'eau"]],
    ["écologie", ["Jardins partagés", "Mesurer la qualité de l'eau"]],
    ["ecologique", ["Jardins partagés", "Mesurer la qualité de l'eau"]],
    ["renovations", ["Rénovation des écoles"]],
    ["énergétique", ["Rénovation des écoles"]],
    ["habitant", ["Mesurer la qualité de l'eau"]],
    ["qualité eau", ["Mesurer la qualité de l'eau"]],
    ["lyon", ["Le vélo en hiver"]],
    ["mobilité", ["Le vélo en hiver"]],
    ["piste cyclable", ["Le vélo en hiver"]],
    ["gel", ["Le vélo en hiver"]],
    ["jardin", ["Jardins partagés", "Un été au potager"]],
    ["le la les de", []],
    ["zzzz", []],
  ];
  for (const [query, expected] of table) {
    it(`« ${query} » finds ${expected.length ? expected.join(", ") : "nothing"}`, async () => {
      const titles = await publicTitles(query);
      // Order matters only for ranking rows; the others compare as sets.
      assert.deepEqual(query === "jardin" ? titles : [...titles].sort(), query === "jardin" ? expected : [...expected].sort());
    });
  }

  it("ranks a title match above a body match", async () => {
    assert.deepEqual(await publicTitles("jardins"), ["Jardins partagés", "Un été au potager"]);
  });

  it("highlights the passage, escaped, and announces the count", async () => {
    const { status, body } = await page("/recherche?q=coeur");
    assert.equal(status, 200);
    assert.match(body, /&lt;<mark>Cœur<\/mark>&gt; du projet/);
    assert.doesNotMatch(body, /<Cœur>/);
    assert.match(body, /<p class="search-count" role="status" aria-live="polite">1 résultat pour « coeur »\.<\/p>/);
    assert.match(body, /<label for="recherche-q">Rechercher dans les carnets<\/label>/);
    assert.match(body, /<form class="site-search" role="search" aria-label="Recherche rapide" action="\/recherche"/);
  });

  it("searches within one programme from its page", async () => {
    assert.deepEqual(await publicTitles("lyon", cast.programme.slug), []);
    assert.deepEqual(await publicTitles("vélo", "mobilites"), ["Le vélo en hiver"]);
    assert.equal((await page("/carnets/inconnu/recherche?q=eau")).status, 404);
  });

  it("paginates with the current page marked", async () => {
    const q = "pagination";
    for (let i = 0; i < 12; i++)
      await buildPublishedEpisode(server.ctx, cast.programme._id, { title: `Pagination ${i}`, slug: `pagination-${newId()}` });
    const first = await page(`/recherche?q=${q}`);
    assert.equal((first.body.match(/class="search-result"/g) ?? []).length, 10);
    assert.match(first.body, /12 résultats/);
    assert.match(first.body, /<a href="\/recherche\?q=pagination" aria-current="page">Page 1<\/a>/);
    const second = await page(`/recherche?q=${q}&page=2`);
    assert.equal((second.body.match(/class="search-result"/g) ?? []).length, 2);
    assert.match(second.body, /<ol class="search-results" start="11">/);
    assert.match(second.body, /aria-current="page">Page 2</);
  });

  it("finds an episode by its theme as soon as it is tagged", async () => {
    const ctx = server.ctx;
    assert.deepEqual(await publicTitles("alimentation"), []);
    await ctx.services.programmes.updateProgramme(cast.programme._id, { themes: [{ slug: "alimentation", label: "Alimentation" }] });
    await ctx.services.themes.setEpisodeThemes(eps.potager!, ["alimentation"]);
    assert.deepEqual(await publicTitles("alimentation"), ["Un été au potager"]);
  });

  it("follows publications, updates and unpublications at once", async () => {
    const ctx = server.ctx;
    const episode = await buildEpisode(ctx, cast.programme._id, cast.users.editor._id, "published");
    const words = episode.title; // "Épisode de test N"
    const found = async () => (await api(words, "admin")).body.results.filter((r) => r.episodeId === episode._id);
    assert.deepEqual((await found()).map((r) => r.status), ["published"]);
    await ctx.services.episodes.transition(episode._id, "unpublish", cast.users.editor._id);
    assert.deepEqual((await found()).map((r) => r.status), ["draft"], "the admin still finds it, as a draft");
    assert.equal((await publicTitles(words)).length, (await publicTitles(words)).filter((t) => t !== words).length);
    await ctx.services.episodes.transition(episode._id, "publish", cast.users.editor._id);
    assert.deepEqual(await publicTitles(words), [words]);
  });

  describe("in the atelier, the policy decides", () => {
    before(async () => {
      const ctx = server.ctx;
      const p = cast.programme._id;
      const draft = await buildEpisodeRecord(ctx, p, { title: "Compteurs d'eau : brouillon", status: "draft" });
      const review = await buildEpisodeRecord(ctx, p, { title: "Relevé des compteurs", status: "review" });
      await buildEpisodeRecord(ctx, cast.other._id, { title: "Compteurs de l'autre programme", status: "draft" });
      await ctx.repos.comments.insert({
        _id: newId(),
        episodeId: review._id,
        programmeId: p,
        parentId: null,
        authorId: cast.users.partner._id,
        authorName: "Partenaire",
        authorTerritory: null,
        body: "Les compteurs de la rue sont en panne.",
        status: "visible",
        audience: "members",
        createdAt: new Date(),
        editedAt: null,
      });
      eps.draft = draft;
      eps.review = review;
      // Words that only the bodies hold: the atelier search reads the collaborative documents.
      const written = async (programmeId: string, title: string, body: string, createdBy: string) => {
        const episode = await ctx.services.episodes.create({ programmeId, title, createdBy });
        await ctx.services.documentChanges.change(episodeRoom(episode._id), (doc) =>
          changeDoc(doc, () => $getRoot().clear().append($createParagraphNode().append($createTextNode(body)))),
        );
        return episode;
      };
      eps.notes = await written(p, "Notes de terrain", "Le pluviomètre du toit déborde.", cast.users.editor._id);
      const inReview = await written(p, "Notes relues", "Un pluviomètre neuf est commandé.", cast.users.editor._id);
      await ctx.services.episodes.transition(inReview._id, "submit", cast.users.editor._id);
      await written(cast.other._id, "Notes d'ailleurs", "Le pluviomètre de l'autre programme.", cast.users.otherEditor._id);
    });

    const kinds = async (who: keyof Cast["cookies"]) => {
      const { status, body } = await api("compteur", who);
      assert.equal(status, 200);
      return body.results.map((r) => `${r.kind}:${r.programme.id === cast.programme._id ? "own" : "other"}:${r.status ?? ""}`).sort();
    };

    it("a partner of another programme finds nothing of this one's drafts", async () => {
      assert.deepEqual(await kinds("otherPartner"), []);
      assert.deepEqual(await kinds("reader"), []);
    });
    it("another programme's editor finds only their own drafts", async () => {
      assert.deepEqual(await kinds("otherEditor"), ["episode:other:draft"]);
    });
    it("a partner finds the episode in review and its review comment, not the draft", async () => {
      assert.deepEqual(await kinds("partner"), ["comment:own:", "episode:own:review"]);
    });
    it("the team finds drafts, review and comments; the admin everything", async () => {
      assert.deepEqual(await kinds("editor"), ["comment:own:", "episode:own:draft", "episode:own:review"]);
      assert.deepEqual(await kinds("admin"), ["comment:own:", "episode:other:draft", "episode:own:draft", "episode:own:review"]);
    });
    it("finds drafts by the words of their bodies, within what the policy lets each person read", async () => {
      const bodies = async (who: keyof Cast["cookies"]) => {
        const { status, body } = await api("pluviomètres", who);
        assert.equal(status, 200);
        return body.results.map((r) => r.title).sort();
      };
      assert.deepEqual(await bodies("editor"), ["Notes de terrain", "Notes relues"]);
      assert.deepEqual(await bodies("partner"), ["Notes relues"]);
      assert.deepEqual(await bodies("otherEditor"), ["Notes d'ailleurs"]);
      assert.deepEqual(await bodies("otherPartner"), []);
      assert.deepEqual(await bodies("reader"), []);
      const { body } = await api("pluviomètre", "partner");
      assert.equal(body.results[0]?.highlight.passage, "Un <mark>pluviomètre</mark> neuf est commandé.");

      // The next search reads the body as it is now written.
      await server.ctx.services.documentChanges.change(episodeRoom(eps.notes!._id), (doc) =>
        changeDoc(doc, () => $getRoot().clear().append($createParagraphNode().append($createTextNode("L'anémomètre tourne.")))),
      );
      assert.deepEqual(await bodies("editor"), ["Notes relues"]);
      assert.deepEqual((await api("anémomètre", "editor")).body.results.map((r) => r.title), ["Notes de terrain"]);
    });
    it("highlights escaped passages in the API too", async () => {
      const { body } = await api("panne", "partner");
      assert.equal(body.results[0]?.highlight.passage, "Les compteurs de la rue sont en <mark>panne</mark>.");
    });
    it("refuses the anonymous and bad queries clearly", async () => {
      assert.equal((await api("eau", null)).status, 401);
      const long = await api("x".repeat(201), "editor");
      assert.equal(long.status, 400);
      assert.equal(long.body.error?.code, "invalid_input");
      assert.equal((await api("eau", "editor", "&page=zero")).status, 400);
      assert.equal((await api("eau", "editor", "&extra=1")).status, 400);
      assert.equal((await page(`/recherche?q=${"x".repeat(201)}`)).status, 400);
    });
  });
});
