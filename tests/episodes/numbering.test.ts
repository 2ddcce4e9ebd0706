// Numbering: given at first publication, atomically, never changed and never reused.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Cast } from "../helpers/factories.ts";
import type { TestServer } from "../helpers/server.ts";
import { useCastServer } from "../helpers/suite.ts";
import { api } from "./client.ts";

describe("episode numbering", () => {
  let server: TestServer;
  let cast: Cast;
  let http: ReturnType<typeof api>;
  useCastServer((s, c) => {
    [server, cast, http] = [s, c, api(s)];
  });

  const create = async (title: string) =>
    (await http.post(`/programmes/${cast.programme._id}/episodes`, cast.cookies.editor, { title }).expect(201)).body.episode
      .id as string;
  const publish = (id: string) => http.post(`/episodes/${id}/publish`, cast.cookies.editor);

  it("gives 20 episodes published at once exactly the numbers 1…20", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await create(`Épisode simultané ${i}`));
    const results = await Promise.all(ids.map((id) => publish(id)));
    for (const res of results) assert.equal(res.status, 200);
    const numbers = results.map((r) => r.body.episode.number as number).sort((a, b) => a - b);
    assert.deepEqual(numbers, Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("never reuses a number after an unpublish, and republishing keeps it", async () => {
    const list = (await http.get(`/programmes/${cast.programme._id}/episodes`, cast.cookies.editor).expect(200)).body.episodes;
    const seven = list.find((e: { number: number }) => e.number === 7).id as string;
    await http.post(`/episodes/${seven}/unpublish`, cast.cookies.editor).expect(200);
    const fresh = await create("Un nouvel épisode");
    assert.equal((await publish(fresh).expect(200)).body.episode.number, 21);
    assert.equal((await publish(seven).expect(200)).body.episode.number, 7);
  });

  it("numbers each programme on its own and survives double clicks", async () => {
    const other = cast.other._id;
    const { sessionCookieFor, buildMembership, buildUser } = await import("../helpers/factories.ts");
    const editor = await buildUser(server.ctx);
    await buildMembership(server.ctx, editor._id, other, "editor");
    const cookie = await sessionCookieFor(server.ctx, editor._id);
    const id = (await http.post(`/programmes/${other}/episodes`, cookie, { title: "Ailleurs" }).expect(201)).body.episode.id;
    const twice = await Promise.all([http.post(`/episodes/${id}/publish`, cookie), http.post(`/episodes/${id}/publish`, cookie)]);
    assert.deepEqual(twice.map((r) => r.status).sort(), [200, 409]);
    assert.equal(twice.find((r) => r.status === 200)!.body.episode.number, 1);
    const next = (await http.post(`/programmes/${other}/episodes`, cookie, { title: "Suite" }).expect(201)).body.episode.id;
    assert.equal((await http.post(`/episodes/${next}/publish`, cookie).expect(200)).body.episode.number, 2);
  });
});
