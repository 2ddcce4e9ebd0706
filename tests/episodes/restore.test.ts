// Restoring a revision while two clients edit: one new collaborative change, everyone converges.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { $getRoot } from "lexical";
import * as Y from "yjs";
import { changeDoc, jsonFromState } from "../../collab/schema/documents.ts";
import { $p } from "../render/bodies.ts";
import { buildCast, type Cast } from "../helpers/factories.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { api } from "./client.ts";

/** A simulated browser: a Y.Doc whose local updates queue up until it syncs with the server's store. */
function client(initial: Uint8Array) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, initial, "server");
  const outbox: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin !== "server" && origin !== "peer") outbox.push(update);
  });
  return { doc, outbox };
}
type Client = ReturnType<typeof client>;

const textOf = (doc: Y.Doc) => JSON.stringify(jsonFromState(Y.encodeStateAsUpdate(doc)));
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe("revision restore", () => {
  let server: TestServer;
  let cast: Cast;
  let http: ReturnType<typeof api>;
  before(async () => {
    server = await startTestServer();
    cast = await buildCast(server.ctx);
    http = api(server);
  });
  after(() => server.close());

  it("converges two live clients and the store, with the restored text once", async () => {
    const docs = server.ctx.repos.docs;
    const created = await http
      .post(`/programmes/${cast.programme._id}/episodes`, cast.cookies.editor, { title: "À restaurer" })
      .expect(201);
    const { id, room } = created.body.episode as { id: string; room: string };
    const a = client((await docs.load(room)).update);
    const b = client((await docs.load(room)).update);

    /** What the collaboration server does: store each client's updates, relay them to the other. */
    const sync = async (from: Client, to: Client) => {
      for (const update of from.outbox.splice(0)) {
        await docs.append(room, update);
        Y.applyUpdate(to.doc, update, "peer");
      }
    };
    const pullFromStore = async (c: Client) => Y.applyUpdate(c.doc, (await docs.load(room)).update, "server");

    changeDoc(a.doc, () => $getRoot().clear().append($p("Texte publié, première version.")));
    await sync(a, b);
    await http.post(`/episodes/${id}/publish`, cast.cookies.editor).expect(200);
    const [revision] = (await http.get(`/episodes/${id}/revisions`, cast.cookies.editor).expect(200)).body.revisions;

    changeDoc(b.doc, () => $getRoot().clear().append($p("Brouillon réécrit.")));
    await sync(b, a);
    // Both type at the moment of the restore, without having seen each other's last keystrokes.
    changeDoc(a.doc, () => $getRoot().append($p("Ajout de A.")));
    changeDoc(b.doc, () => $getRoot().append($p("Ajout de B.")));
    const before = (await docs.load(room)).lastSeq;
    await http.post(`/episodes/${id}/revisions/${revision.id}/restore`, cast.cookies.lead).expect(200);
    assert.equal((await docs.load(room)).lastSeq, before + 1, "the restore is one appended update");

    await sync(a, b);
    await sync(b, a);
    await pullFromStore(a);
    await pullFromStore(b);

    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await docs.load(room)).update);
    const [ta, tb, ts] = [textOf(a.doc), textOf(b.doc), textOf(stored)];
    assert.equal(ta, tb);
    assert.equal(ta, ts);
    assert.equal(count(ts, "Texte publié, première version."), 1);
    assert.equal(count(ts, "Brouillon réécrit."), 0);
    // The restore is an edit, not a replacement: concurrent additions made after it are kept.
    assert.equal(count(ts, "Ajout de A."), 1);
    assert.equal(count(ts, "Ajout de B."), 1);
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
