// The API tells publishers the number an unnumbered episode would get, from the programme's counter.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { buildCast, type Cast } from "../helpers/factories.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { api } from "./client.ts";

describe("episode nextNumber", () => {
  let server: TestServer;
  let cast: Cast;
  let http: ReturnType<typeof api>;
  before(async () => {
    server = await startTestServer();
    cast = await buildCast(server.ctx);
    http = api(server);
  });
  after(() => server.close());

  const create = async (title: string) =>
    (await http.post(`/programmes/${cast.programme._id}/episodes`, cast.cookies.editor, { title }).expect(201)).body.episode;
  const read = async (id: string, cookie: string) => (await http.get(`/episodes/${id}`, cookie).expect(200)).body.episode;

  it("announces 1 in a programme that never published, and the publication gives it", async () => {
    const first = await create("Premier");
    assert.equal(first.nextNumber, 1);
    assert.equal((await read(first.id, cast.cookies.lead)).nextNumber, 1);
    const published = (await http.post(`/episodes/${first.id}/publish`, cast.cookies.editor).expect(200)).body.episode;
    assert.equal(published.number, 1);
    assert.equal(published.nextNumber, null, "a numbered episode keeps its number");
  });

  it("follows the counter, not the list: a number freed by unpublishing is not offered again", async () => {
    const second = await create("Deuxième");
    await http.post(`/episodes/${second.id}/publish`, cast.cookies.editor).expect(200);
    await http.post(`/episodes/${second.id}/unpublish`, cast.cookies.editor).expect(200);
    const third = await create("Troisième");
    assert.equal((await read(third.id, cast.cookies.editor)).nextNumber, 3);
    const unpublished = await read(second.id, cast.cookies.editor);
    assert.equal(unpublished.number, 2);
    assert.equal(unpublished.nextNumber, null);
    const list = (await http.get(`/programmes/${cast.programme._id}/episodes`, cast.cookies.editor).expect(200)).body.episodes;
    assert.equal(list.find((e: { id: string }) => e.id === third.id).nextNumber, 3);
    assert.equal((await http.post(`/episodes/${third.id}/publish`, cast.cookies.editor).expect(200)).body.episode.number, 3);
  });

  it("is told only to those who may publish", async () => {
    const draft = await create("En relecture");
    await http.post(`/episodes/${draft.id}/submit`, cast.cookies.editor).expect(200);
    assert.equal((await read(draft.id, cast.cookies.admin)).nextNumber, 4);
    assert.equal((await read(draft.id, cast.cookies.partner)).nextNumber, null);
    const list = (await http.get(`/programmes/${cast.programme._id}/episodes`, cast.cookies.partner).expect(200)).body.episodes;
    assert.ok(list.length > 0);
    for (const e of list) assert.equal(e.nextNumber, null);
  });
});
