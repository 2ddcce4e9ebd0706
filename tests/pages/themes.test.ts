// Themes: the lead edits a programme's list, the team tags episodes, theme pages and feeds, JSON-LD keywords and feed categories.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { Episode } from "../../server/domain/types.ts";
import { buildPublishedEpisode, type Cast } from "../helpers/factories.ts";
import { type TestServer, TEST_ORIGIN } from "../helpers/server.ts";
import { useCastServer } from "../helpers/suite.ts";

describe("themes", () => {
  let server: TestServer;
  let cast: Cast;
  let water: Episode;
  let garden: Episode;
  useCastServer((s, c) => {
    server = s;
    cast = c;
  });

  const send = async (method: string, path: string, who: keyof Cast["cookies"], body: unknown) => {
    const res = await fetch(server.url + path, {
      method,
      headers: { cookie: cast.cookies[who], origin: TEST_ORIGIN, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string } } };
  };
  const get = async (path: string) => {
    const res = await fetch(server.url + path);
    return { status: res.status, body: await res.text() };
  };

  before(async () => {
    const p = cast.programme._id;
    water = (await buildPublishedEpisode(server.ctx, p, { title: "La qualité de l'eau", slug: "eau" })).episode;
    garden = (await buildPublishedEpisode(server.ctx, p, { title: "Jardins partagés", slug: "jardins" })).episode;
  });

  it("the lead sets the programme's themes; slugs come from labels, a kept slug stays", async () => {
    const themes = [{ label: "Eau & rivières" }, { label: "Alimentation" }, { slug: "jardins", label: "Jardins et potagers" }];
    const res = await send("PATCH", `/api/programmes/${cast.programme._id}`, "lead", { themes });
    assert.equal(res.status, 200);
    assert.deepEqual((res.body.programme as { themes: unknown }).themes, [
      { slug: "eau-rivieres", label: "Eau & rivières" },
      { slug: "alimentation", label: "Alimentation" },
      { slug: "jardins", label: "Jardins et potagers" },
    ]);
    assert.equal((await send("PATCH", `/api/programmes/${cast.programme._id}`, "editor", { themes })).status, 403);
    const twice = await send("PATCH", `/api/programmes/${cast.programme._id}`, "lead", { themes: [{ label: "Eau" }, { label: "eau" }] });
    assert.equal(twice.status, 400);
  });

  it("the team tags episodes with the programme's themes only", async () => {
    const put = (who: keyof Cast["cookies"], e: Episode, themes: string[]) => send("PUT", `/api/episodes/${e._id}/themes`, who, { themes });
    assert.deepEqual((await put("editor", water, ["eau-rivieres"])).body, { themes: ["eau-rivieres"] });
    assert.deepEqual((await put("lead", garden, ["jardins", "alimentation", "jardins"])).body, { themes: ["jardins", "alimentation"] });
    const unknown = await put("editor", water, ["inconnu"]);
    assert.equal(unknown.status, 422);
    assert.equal(unknown.body.error?.code, "unknown_theme");
    assert.equal((await put("partner", water, [])).status, 403);
  });

  it("shows a theme's page with its episodes, and 404 for an unknown theme", async () => {
    const page = await get(`/carnets/${cast.programme.slug}/themes/jardins`);
    assert.equal(page.status, 200);
    assert.match(page.body, /<h1>Thème « Jardins et potagers »<\/h1>/);
    assert.match(page.body, /Jardins partagés/);
    assert.doesNotMatch(page.body, /La qualité de l&#39;eau/);
    assert.match(page.body, /"keywords":\["Jardins et potagers"\]/);
    assert.equal((await get(`/carnets/${cast.programme.slug}/themes/inconnu`)).status, 404);
  });

  it("lists themes on the programme and episode pages, with JSON-LD keywords", async () => {
    const programme = await get(`/carnets/${cast.programme.slug}`);
    assert.match(programme.body, /<a href="\/carnets\/[^"]+\/themes\/alimentation">Alimentation<\/a>/);
    assert.match(programme.body, /"keywords":\["Eau \\u0026 rivières","Alimentation","Jardins et potagers"\]/);
    const episode = await get(`/carnets/${cast.programme.slug}/${garden.number}-jardins`);
    assert.match(episode.body, /<nav class="episode-themes" aria-label="Thèmes de l&#39;épisode">/);
    assert.match(episode.body, /"keywords":\["Alimentation","Jardins et potagers"\]/);
  });

  it("gives each theme its feeds, and themes as feed categories", async () => {
    const atom = await get(`/carnets/${cast.programme.slug}/themes/eau-rivieres/feed.atom`);
    assert.equal(atom.status, 200);
    assert.match(atom.body, /La qualité de l&amp;#39;eau|La qualité de l'eau/);
    assert.doesNotMatch(atom.body, /Jardins partagés/);
    assert.match(atom.body, /<category label="Eau &amp; rivières" term="eau-rivieres"\/>/);
    const json = JSON.parse((await get(`/carnets/${cast.programme.slug}/themes/jardins/feed.json`)).body) as { items: { title: string }[] };
    assert.deepEqual(json.items.map((i) => i.title), [`#${garden.number} : Jardins partagés`]);
    const rss = await get(`/carnets/${cast.programme.slug}/feed.rss`);
    assert.match(rss.body, /<category domain="[^"]*">Alimentation<\/category>|<category>Alimentation<\/category>/);
  });

  it("a theme removed from the programme leaves its episodes and pages", async () => {
    await send("PATCH", `/api/programmes/${cast.programme._id}`, "lead", { themes: [{ slug: "jardins", label: "Jardins et potagers" }] });
    const episode = await get(`/carnets/${cast.programme.slug}/${garden.number}-jardins`);
    assert.doesNotMatch(episode.body, /Alimentation/);
    assert.equal((await get(`/carnets/${cast.programme.slug}/themes/alimentation`)).status, 404);
  });
});
