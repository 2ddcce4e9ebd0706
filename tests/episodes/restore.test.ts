// Restoring a revision over HTTP while two stock y-websocket clients edit live: one new change, everyone converges.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { $getRoot } from "lexical";
import * as Y from "yjs";
import { changeDoc, jsonFromState } from "../../collab/schema/documents.ts";
import { type Client, connect, disconnectAll, waitFor } from "../collab/helpers.ts";
import { buildCast, type Cast } from "../helpers/factories.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { useCastServer } from "../helpers/suite.ts";
import { $p } from "../render/bodies.ts";
import { api } from "./client.ts";

const bodyOf = (doc: Y.Doc) => JSON.stringify(jsonFromState(Y.encodeStateAsUpdate(doc)));
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
const storedBody = async (server: TestServer, room: string) => JSON.stringify(jsonFromState((await server.ctx.repos.docs.load(room)).update));

describe("revision restore", () => {
  let cast: Cast;
  let http: ReturnType<typeof api>;
  useCastServer((s, c) => {
    cast = c;
    http = api(s);
  });

  it("converges two live clients and the store, with the restored text once, kept after a restart", { timeout: 60_000 }, async () => {
    // Its own server: the test restarts it on the same data folder.
    let live = await startTestServer();
    const team = await buildCast(live.ctx);
    const rest = api(live);
    const clients: Client[] = [];
    try {
      const created = await rest.post(`/programmes/${team.programme._id}/episodes`, team.cookies.editor, { title: "À restaurer" }).expect(201);
      const { id, room } = created.body.episode as { id: string; room: string };
      const a = connect(live.url, room, team.cookies.editor, live.origin);
      const b = connect(live.url, room, team.cookies.lead, live.origin);
      clients.push(a, b);
      await Promise.all([a.synced, b.synced]);
      const converged = (what: string) => waitFor(() => bodyOf(a.doc) === bodyOf(b.doc), what);

      changeDoc(a.doc, () => $getRoot().clear().append($p("Texte publié, première version.")));
      await waitFor(() => bodyOf(b.doc).includes("Texte publié"), "b sees the text to publish");
      await rest.post(`/episodes/${id}/publish`, team.cookies.editor).expect(200);
      const [revision] = (await rest.get(`/episodes/${id}/revisions`, team.cookies.editor).expect(200)).body.revisions;
      await rest.post(`/episodes/${id}/unpublish`, team.cookies.editor).expect(200);

      changeDoc(b.doc, () => $getRoot().clear().append($p("Brouillon réécrit.")));
      await waitFor(() => bodyOf(a.doc).includes("Brouillon réécrit.") && !bodyOf(a.doc).includes("Texte publié"), "a sees the rewrite");

      // Both type while the restore runs: before the request leaves, and while it is under way.
      changeDoc(a.doc, () => $getRoot().append($p("Pendant, A.")));
      const restoring = rest.post(`/episodes/${id}/revisions/${revision.id}/restore`, team.cookies.lead).expect(200);
      changeDoc(b.doc, () => $getRoot().append($p("Pendant, B.")));
      await restoring;
      // Typed once the restore is stored: it must survive next to the restored text.
      changeDoc(a.doc, () => $getRoot().append($p("Après, A.")));
      changeDoc(b.doc, () => $getRoot().append($p("Après, B.")));
      await waitFor(
        () => ["Après, A.", "Après, B."].every((t) => bodyOf(a.doc).includes(t) && bodyOf(b.doc).includes(t)),
        "both clients have every edit",
      );
      await converged("the two clients converge");

      const final = bodyOf(a.doc);
      assert.equal(bodyOf(b.doc), final);
      assert.equal(await storedBody(live, room), final, "the store holds what the clients show");
      assert.equal(count(final, "Texte publié, première version."), 1, "the restored text appears once");
      assert.equal(count(final, "Brouillon réécrit."), 0, "the restore replaced the body it saw");
      for (const t of ["Après, A.", "Après, B."]) assert.equal(count(final, t), 1, t);
      // Typed concurrently with the restore: kept or replaced depending on which reached the room first, never doubled.
      for (const t of ["Pendant, A.", "Pendant, B."]) assert.ok(count(final, t) <= 1, t);

      disconnectAll(clients.splice(0));
      const dataDir = live.dataDir;
      await live.close();
      live = await startTestServer({ dataDir });
      assert.equal(await storedBody(live, room), final, "the store holds it after a restart");
    } finally {
      disconnectAll(clients);
      await live.close();
    }
  });

  it("refuses revisions of another episode and people outside the team", async () => {
    const make = async (title: string) =>
      (await http.post(`/programmes/${cast.programme._id}/episodes`, cast.cookies.editor, { title }).expect(201)).body
        .episode.id as string;
    const one = await make("Un");
    const two = await make("Deux");
    await http.post(`/episodes/${one}/publish`, cast.cookies.editor).expect(200);
    const [rev] = (await http.get(`/episodes/${one}/revisions`, cast.cookies.editor).expect(200)).body.revisions;
    await http.post(`/episodes/${two}/revisions/${rev.id}/restore`, cast.cookies.editor).expect(404);
    await http.post(`/episodes/${one}/revisions/${rev.id}/restore`, cast.cookies.partner).expect(403);
    await http.post(`/episodes/${one}/revisions/${rev.id}/restore`).expect(401);
  });
});
