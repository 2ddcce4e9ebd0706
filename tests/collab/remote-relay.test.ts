// An update another instance stored reaches this instance's clients as received, before this room applies it, and is neither stored nor published again.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import * as Y from "yjs";
import { Room } from "../../collab/server/room.ts";
import { readSync, SyncType } from "../../collab/wire.ts";
import { createLogger } from "../../server/log.ts";
import { docsRepository } from "../../server/repositories/docs.ts";
import { openStore } from "../../server/store/open.ts";
import { tempDir } from "../helpers/tmp.ts";

describe("a room linked to other instances", () => {
  const opened = openStore({ dataDir: tempDir() });
  after(async () => (await opened).close());

  it("relays another instance's stored update to its clients first, then applies it, without storing or publishing it", async () => {
    const docs = docsRepository(await opened);
    const published: Uint8Array[] = [];
    const room = new Room(
      "remote-relay",
      {
        docs,
        log: createLogger({ level: "silent", pretty: false }),
        recordContributors: async () => {},
        recordMeta: async () => {},
        storedMeta: async () => null,
        compaction: { afterUpdates: 500, maxUpdates: 5_000, afterBytes: 1024 * 1024 },
        link: { update: (_room, update) => published.push(update), awareness: () => {}, queryAwareness: () => {} },
      },
      Promise.resolve(),
    );
    const received: { payload: Uint8Array; roomTextThen: string }[] = [];
    room.join({
      userId: "u",
      clientIds: new Set(),
      send: (message) => {
        const sync = readSync(message);
        assert.equal(sync?.kind, SyncType.update);
        received.push({ payload: sync.payload, roomTextThen: room.doc.getText("t").toString() });
      },
      close: () => {},
    });
    await room.ready;

    const elsewhere = new Y.Doc();
    elsewhere.getText("t").insert(0, "écrit ailleurs");
    const update = Y.encodeStateAsUpdate(elsewhere);
    room.applyRemoteUpdate(update);

    assert.deepEqual(received, [{ payload: update, roomTextThen: "" }]);
    assert.equal(room.doc.getText("t").toString(), "écrit ailleurs");
    await room.shutdown(1001, "fin");
    assert.deepEqual(published, []);
    assert.equal((await docs.load("remote-relay")).lastSeq, 0);
  });
});
