// Episodes over HTTP: creation with a server-made body, edits, visibility, status changes, revisions.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { jsonFromState } from "../../collab/schema/documents.ts";
import { buildCast, type Cast } from "../helpers/factories.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { api } from "./client.ts";

describe("episodes lifecycle", () => {
  let server: TestServer;
  let cast: Cast;
  let http: ReturnType<typeof api>;
  const events: string[] = [];
  before(async () => {
    server = await startTestServer();
    cast = await buildCast(server.ctx);
    http = api(server);
    for (const name of ["episode.statusChanged", "episode.published", "episode.firstPublished"] as const)
      server.ctx.events.on(name, (e) => events.push(`${name}:${"status" in e ? e.status : "number" in e ? e.number : ""}`));
  });
  after(() => server.close());

  const create = async (title: string, cookie = cast.cookies.editor) => {
    const res = await http.post(`/programmes/${cast.programme._id}/episodes`, cookie, { title }).expect(201);
    return res.body.episode as { id: string; slug: string; status: string; number: number | null; room: string };
  };

  it("creates a draft with a French slug and an initial body stored on the server", async () => {
    const episode = await create("Que voudrait-on tester ?");
    assert.equal(episode.slug, "que-voudrait-on-tester");
    assert.equal(episode.status, "draft");
    assert.equal(episode.number, null);
    assert.equal(episode.room, `episode-${episode.id}`);
    const stored = await server.ctx.repos.docs.load(episode.room);
    assert.deepEqual(
      jsonFromState(stored.update).root.children.map((c) => c.type),
      ["paragraph"],
    );
    const again = await create("Que voudrait-on tester ?");
    assert.equal(again.slug, "que-voudrait-on-tester-2");
  });

  it("accepts a programme slug in place of its id", async () => {
    const res = await http.get(`/programmes/${cast.programme.slug}/episodes`, cast.cookies.editor).expect(200);
    assert.ok(res.body.episodes.length >= 2);
  });

  it("refuses bad input with 400 and the wrong people with 401/403/404", async () => {
    const path = `/programmes/${cast.programme._id}/episodes`;
    assert.equal((await http.post(path, cast.cookies.editor, { title: "" }).expect(400)).body.error.code, "invalid_input");
    await http.post(path, cast.cookies.editor, { title: "x".repeat(201) }).expect(400);
    await http.post(path, cast.cookies.editor, { title: "ok", extra: 1 }).expect(400);
    await http.post(path, cast.cookies.editor, { title: "ok", summary: "x".repeat(601) }).expect(400);
    await http.post(path, undefined, { title: "ok" }).expect(401);
    await http.post(path, cast.cookies.partner, { title: "ok" }).expect(403);
    await http.post(path, cast.cookies.otherEditor, { title: "ok" }).expect(403);
    await http.post(`/programmes/${"0".repeat(24)}/episodes`, cast.cookies.admin, { title: "ok" }).expect(404);
    await http.get(`/episodes/${"0".repeat(24)}`, cast.cookies.admin).expect(404);
    await http.get("/episodes/pas-un-id", cast.cookies.admin).expect(404);
  });

  it("edits title, summary, slug (keeping the old one) and credited authors", async () => {
    const episode = await create("Rappel des épisodes précédents");
    const res = await http
      .patch(`/episodes/${episode.id}`, cast.cookies.editor, {
        title: "Rappel",
        summary: "Le chapô.",
        slug: "rappel",
        authorIds: [cast.users.editor._id, cast.users.lead._id],
      })
      .expect(200);
    assert.equal(res.body.episode.title, "Rappel");
    assert.equal(res.body.episode.slug, "rappel");
    assert.deepEqual(res.body.episode.previousSlugs, ["rappel-des-episodes-precedents"]);
    assert.deepEqual(
      res.body.episode.authors.map((a: { id: string }) => a.id),
      [cast.users.editor._id, cast.users.lead._id],
    );
    const other = await create("Autre");
    const taken = await http.patch(`/episodes/${other.id}`, cast.cookies.editor, { slug: "rappel-des-episodes-precedents" });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.error.code, "slug_taken");
    const stranger = await http.patch(`/episodes/${other.id}`, cast.cookies.editor, { authorIds: [cast.users.reader._id] });
    assert.equal(stranger.status, 422);
    await http.patch(`/episodes/${other.id}`, cast.cookies.editor, { slug: "Pas Bon" }).expect(422);
  });

  it("hides drafts from partners and readers, shows reviews to partners, published to all", async () => {
    const episode = await create("Visibilité");
    const path = `/episodes/${episode.id}`;
    await http.get(path, cast.cookies.partner).expect(404);
    await http.get(path).expect(404);
    await http.get(path, cast.cookies.otherEditor).expect(404);
    await http.patch(path, cast.cookies.partner, { title: "x" }).expect(404);

    await http.post(`${path}/submit`, cast.cookies.editor).expect(200);
    await http.get(path, cast.cookies.partner).expect(200);
    await http.get(path).expect(404);
    await http.patch(path, cast.cookies.partner, { title: "x" }).expect(403);
    await http.post(`${path}/publish`, cast.cookies.partner).expect(403);

    const published = await http.post(`${path}/publish`, cast.cookies.editor).expect(200);
    assert.equal(published.body.episode.status, "published");
    await http.get(path).expect(200);
    await http.post(`${path}/unpublish`).expect(401);
    await http.post(`${path}/unpublish`, cast.cookies.reader).expect(403);

    const list = async (cookie?: string) =>
      (await http.get(`/programmes/${cast.programme._id}/episodes`, cookie).expect(200)).body.episodes.map(
        (e: { status: string }) => e.status,
      ) as string[];
    assert.ok((await list()).every((s) => s === "published"));
    assert.ok((await list(cast.cookies.partner)).every((s) => s !== "draft"));
    assert.ok((await list(cast.cookies.editor)).includes("draft"));
  });

  it("follows the transitions and refuses the others with 409", async () => {
    const episode = await create("Transitions");
    const move = (what: string) => http.post(`/episodes/${episode.id}/${what}`, cast.cookies.editor);
    assert.equal((await move("unpublish").expect(409)).body.error.code, "episode_not_published");
    assert.equal((await move("return-to-draft").expect(409)).body.error.code, "episode_not_in_review");
    await move("submit").expect(200);
    assert.equal((await move("submit").expect(409)).body.error.code, "episode_not_submittable");
    await move("return-to-draft").expect(200);
    events.length = 0;
    const first = await move("publish").expect(200);
    assert.equal(typeof first.body.episode.number, "number");
    assert.equal((await move("publish").expect(409)).body.error.code, "episode_not_publishable");
    assert.equal((await move("submit").expect(409)).body.error.code, "episode_not_submittable");
    await move("unpublish").expect(200);
    const again = await move("publish").expect(200);
    assert.equal(again.body.episode.number, first.body.episode.number, "republishing keeps the number");
    assert.deepEqual(events, [
      "episode.statusChanged:published",
      "episode.published:",
      `episode.firstPublished:${first.body.episode.number}`,
      "episode.statusChanged:draft",
      "episode.statusChanged:published",
      "episode.published:",
    ]);
    await http.post(`/episodes/${episode.id}/submit`, cast.cookies.editor, { force: true }).expect(400);
  });

  it("updates a published episode in place: same number, a new revision, no first-publication event", async () => {
    const episode = await create("Mise à jour");
    const move = (what: string) => http.post(`/episodes/${episode.id}/${what}`, cast.cookies.editor);
    assert.equal((await move("update").expect(409)).body.error.code, "episode_not_published");
    const first = await move("publish").expect(200);
    events.length = 0;
    const updated = await move("update").expect(200);
    assert.equal(updated.body.episode.status, "published");
    assert.equal(updated.body.episode.number, first.body.episode.number);
    assert.deepEqual(events, ["episode.statusChanged:published", "episode.published:"]);
    const revisions = (await http.get(`/episodes/${episode.id}/revisions`, cast.cookies.editor).expect(200)).body.revisions;
    assert.deepEqual(revisions.map((r: { number: number }) => r.number), [first.body.episode.number, first.body.episode.number]);
    await http.post(`/episodes/${episode.id}/update`, cast.cookies.editor, { force: true }).expect(400);
  });

  it("keeps an immutable revision per publication, without internal fields", async () => {
    const episode = await create("Révisions");
    await http.post(`/episodes/${episode.id}/publish`, cast.cookies.editor).expect(200);
    await http.patch(`/episodes/${episode.id}`, cast.cookies.editor, { title: "Révisions, encore" }).expect(200);
    await http.post(`/episodes/${episode.id}/unpublish`, cast.cookies.editor).expect(200);
    await http.post(`/episodes/${episode.id}/publish`, cast.cookies.lead).expect(200);
    const list = (await http.get(`/episodes/${episode.id}/revisions`, cast.cookies.editor).expect(200)).body.revisions;
    assert.deepEqual(
      list.map((r: { seq: number; title: string }) => [r.seq, r.title]),
      [
        [2, "Révisions, encore"],
        [1, "Révisions"],
      ],
    );
    assert.equal(list[0].publishedBy.id, cast.users.lead._id);
    const one = (await http.get(`/revisions/${list[1].id}`, cast.cookies.editor).expect(200)).body.revision;
    assert.equal(one.html, "<p><br /></p>");
    assert.equal(one.content.root.type, "root");
    for (const field of ["yState", "lexicalJson", "_id"]) assert.equal(field in one, false);
    await http.get(`/revisions/${list[1].id}`, cast.cookies.partner).expect(403);
    await http.get(`/revisions/${list[1].id}`, cast.cookies.otherEditor).expect(403);
    await http.get(`/episodes/${episode.id}/revisions`).expect(401);
  });
});
