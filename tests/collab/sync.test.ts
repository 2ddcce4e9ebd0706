// Stock y-websocket clients converge through the server; updates are stored before anyone else sees them.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as Y from "yjs";
import { collab } from "../../collab/server/index.ts";
import { buildCast, buildEpisodeRecord, type Cast } from "../helpers/factories.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { useCastServer } from "../helpers/suite.ts";
import { bodyText, type Client, connect, disconnectAll, waitFor } from "./helpers.ts";

describe("collaboration: sync and durability", () => {
  let server: TestServer;
  let cast: Cast;
  useCastServer((s, c) => {
    [server, cast] = [s, c];
  });

  const newRoom = async () => `episode-${(await buildEpisodeRecord(server.ctx, cast.programme._id))._id}`;

  async function converge(n: number) {
    const room = await newRoom();
    const cookies = [cast.cookies.editor, cast.cookies.lead, cast.cookies.admin];
    const clients: Client[] = [];
    for (let i = 0; i < n; i++) clients.push(connect(server.url, room, cookies[i % cookies.length]!, server.origin));
    try {
      await Promise.all(clients.map((c) => c.synced));
      for (let round = 0; round < 5; round++)
        for (const [i, c] of clients.entries()) c.text.insert(round % 2 ? 0 : c.text.length, `[${i}.${round}]`);
      const expected = n * 5;
      await waitFor(
        () => clients.every((c) => (c.text.toString().match(/\[\d+\.\d+\]/g) ?? []).length === expected),
        "every client has every edit",
      );
      const first = clients[0]!.text.toString();
      for (const c of clients) assert.equal(c.text.toString(), first);
      // What everyone sees is what the store holds.
      const stored = new Y.Doc();
      Y.applyUpdate(stored, (await server.ctx.repos.docs.load(room)).update);
      assert.equal(bodyText(stored).toString(), first);
    } finally {
      disconnectAll(clients);
    }
  }

  it("2 clients converge on the same text", () => converge(2));
  it("10 clients converge on the same text", () => converge(10));

  it("writes an update to the store before relaying it to another client", async () => {
    const room = await newRoom();
    const a = connect(server.url, room, cast.cookies.editor, server.origin);
    const b = connect(server.url, room, cast.cookies.lead, server.origin);
    const events: string[] = [];
    const docs = server.ctx.repos.docs;
    const append = docs.append;
    docs.append = async (...args) => {
      events.push("append-start");
      await new Promise((r) => setTimeout(r, 100));
      const seq = await append(...args);
      events.push("append-done");
      return seq;
    };
    try {
      await Promise.all([a.synced, b.synced]);
      b.doc.on("update", (_u: Uint8Array, origin: unknown) => {
        if (origin === b.provider) events.push("b-received");
      });
      a.text.insert(0, "durable");
      await waitFor(() => b.text.toString() === "durable", "b sees the edit");
      assert.deepEqual(events, ["append-start", "append-done", "b-received"]);
    } finally {
      docs.append = append;
      disconnectAll([a, b]);
    }
  });

  it("loads a room from the store before the first sync and records contributors", async () => {
    const episode = await buildEpisodeRecord(server.ctx, cast.programme._id);
    const room = `episode-${episode._id}`;
    await server.ctx.services.documentChanges.change(room, (doc) => bodyText(doc).insert(0, "depuis le serveur"));
    const a = connect(server.url, room, cast.cookies.editor, server.origin);
    try {
      await a.synced;
      assert.equal(a.text.toString(), "depuis le serveur");
      a.text.insert(a.text.length, " !");
    } finally {
      disconnectAll([a]);
    }
    // Credits are written in batches, at the latest when the room unloads after its last client.
    let contributors: string[] = [];
    for (let i = 0; i < 200 && contributors.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 25));
      contributors = (await server.ctx.repos.episodes.byId(episode._id))?.contributorIds ?? [];
    }
    assert.deepEqual(contributors, [cast.users.editor._id]);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await server.ctx.repos.docs.load(room)).update);
    assert.equal(bodyText(stored).toString(), "depuis le serveur !");
  });

  it("routes server-side changes through a live room: stored, then relayed", async () => {
    const room = await newRoom();
    const a = connect(server.url, room, cast.cookies.editor, server.origin);
    try {
      await a.synced;
      await server.ctx.services.documentChanges.change(room, (doc) => bodyText(doc).insert(0, "titre"));
      const stored = new Y.Doc();
      Y.applyUpdate(stored, (await server.ctx.repos.docs.load(room)).update);
      assert.equal(bodyText(stored).toString(), "titre");
      await waitFor(() => a.text.toString() === "titre", "the live client sees the server change");
    } finally {
      disconnectAll([a]);
    }
  });
  it("compacts a live room's log in the background without losing an update", async () => {
    const small = await startTestServer({ attach: [collab({ compaction: { afterUpdates: 5, maxUpdates: 10, afterBytes: 1 << 20 } })] });
    try {
      const c = await buildCast(small.ctx);
      const room = `episode-${(await buildEpisodeRecord(small.ctx, c.programme._id))._id}`;
      const a = connect(small.url, room, c.cookies.editor, small.origin);
      const b = connect(small.url, room, c.cookies.lead, small.origin);
      try {
        await Promise.all([a.synced, b.synced]);
        // One stored update per edit: each waits for the relay, which follows the store.
        for (let i = 0; i < 30; i++) {
          a.text.insert(a.text.length, `${i},`);
          await waitFor(() => b.text.toString() === a.text.toString(), `edit ${i} relayed`);
        }
        const docs = small.ctx.repos.docs;
        let size = await docs.size(room);
        for (let i = 0; i < 100 && (size.snapshotBytes === 0 || size.updates >= 30); i++) {
          await new Promise((r) => setTimeout(r, 20));
          size = await docs.size(room);
        }
        assert.ok(size.snapshotBytes > 0 && size.updates < 30, `the log was folded (${JSON.stringify(size)})`);
        const stored = new Y.Doc();
        Y.applyUpdate(stored, (await docs.load(room)).update);
        assert.equal(bodyText(stored).toString(), a.text.toString());
      } finally {
        disconnectAll([a, b]);
      }
    } finally {
      await small.close();
    }
  });
});
