// The update log: concurrent appends never overwrite each other; compaction never drops an update written meanwhile.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as Y from "yjs";
import { type DocsRepository, docsRepository } from "../../server/repositories/docs.ts";
import { openStore } from "../../server/store/open.ts";
import type { Store } from "../../server/store/types.ts";
import { storeEnv } from "../helpers/engine.ts";
import { tempDir } from "../helpers/tmp.ts";

function edit(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getText("t").insert(doc.getText("t").length, text);
  return Y.encodeStateAsUpdate(doc, before);
}

const textOf = (update: Uint8Array) => {
  const d = new Y.Doc();
  Y.applyUpdate(d, update);
  return d.getText("t").toString();
};

describe("docs repository", () => {
  let store: Store;
  let docs: DocsRepository;
  before(async () => {
    const dataDir = tempDir();
    store = await openStore({ dataDir, mongodbUrl: storeEnv(dataDir).MONGODB_URL });
    docs = docsRepository(store);
  });
  after(async () => {
    await store.close();
  });

  it("concurrent appends, with or without a (wrong) expected seq, all land", async () => {
    const doc = new Y.Doc();
    const updates = Array.from({ length: 20 }, (_, i) => edit(doc, `${i},`));
    await Promise.all(updates.map((u, i) => docs.append("r1", u, i % 2 ? 1 : undefined)));
    assert.equal(textOf((await docs.load("r1")).update), doc.getText("t").toString());
    assert.equal((await docs.load("r1")).pending, 20);
  });

  it("two writers of one room, each guessing its next seq as a room does, both keep appending (neither starves)", async () => {
    const doc = new Y.Doc();
    // One update at a time per writer, the next guessed from its own last seq: two instances' rooms on one episode.
    const writer = async (name: string, count: number) => {
      let seq = 0;
      for (let i = 0; i < count; i++) seq = await docs.append("r-two", edit(doc, `${name}${i},`), seq + 1);
    };
    await Promise.all([writer("a", 150), writer("b", 150)]);
    const loaded = await docs.load("r-two");
    assert.equal(loaded.pending, 300);
    assert.equal(textOf(loaded.update), doc.getText("t").toString());
  });

  it("compaction keeps updates written meanwhile, and an older snapshot never replaces a newer one", async () => {
    const doc = new Y.Doc();
    for (let i = 0; i < 5; i++) await docs.append("r2", edit(doc, `a${i},`));
    const stateAt5 = Y.encodeStateAsUpdate(doc);
    for (let i = 0; i < 3; i++) await docs.append("r2", edit(doc, `b${i},`));
    const stateAt8 = Y.encodeStateAsUpdate(doc);
    const compactions = [docs.compact("r2", stateAt8, 8), docs.compact("r2", stateAt5, 5)];
    const late = docs.append("r2", edit(doc, "c,"));
    await Promise.all([...compactions, late]);
    const loaded = await docs.load("r2");
    assert.equal(textOf(loaded.update), doc.getText("t").toString());
    assert.equal(loaded.pending, 1);
    assert.equal(loaded.lastSeq, 9);
    const size = await docs.size("r2");
    assert.equal(size.snapshotBytes, stateAt8.byteLength);
    assert.equal(size.updates, 1);
    assert.equal(await docs.compact("r2", stateAt5, 5), false);
  });

  it("a newer compaction that loses the first snapshot write to an older one still folds its entries", async () => {
    // Both read "no snapshot yet"; the older one writes first. Rooms apart, so every run meets the race somewhere.
    for (let r = 0; r < 5; r++) {
      const room = `r-race-${r}`;
      const doc = new Y.Doc();
      for (let i = 0; i < 8; i++) await docs.append(room, edit(doc, `${i},`), i + 1);
      const stateAt5 = Y.encodeStateAsUpdate(doc);
      const stateAt8 = Y.encodeStateAsUpdate(doc);
      await Promise.all([docs.compact(room, stateAt5, 5), docs.compact(room, stateAt8, 8)]);
      const loaded = await docs.load(room);
      assert.equal(loaded.pending, 0, `${room}: every entry folded`);
      assert.equal(textOf(loaded.update), doc.getText("t").toString());
    }
  });

  it("with several writers, a stale guess in a slot another's compaction freed is still loaded, and kept by the next compaction", async () => {
    const doc = new Y.Doc();
    for (let i = 0; i < 4; i++) await docs.append("r3", edit(doc, `a${i},`), i + 1);
    await docs.compact("r3", Y.encodeStateAsUpdate(doc), 4);
    // Another instance last wrote seq 1: its guess, 2, is free again, under the snapshot.
    const folded = await docs.load("r3");
    assert.equal(await docs.append("r3", edit(doc, "b,"), 2), 2);
    const loaded = await docs.load("r3");
    assert.equal(textOf(loaded.update), doc.getText("t").toString());
    assert.equal(loaded.lastSeq, 4);
    // A compaction that read the log before that append removes only what it read.
    await docs.append("r3", edit(doc, "c,"), 5);
    assert.equal(await docs.compact("r3", folded.update, 5, folded.ids), true);
    assert.equal(textOf((await docs.load("r3")).update), doc.getText("t").toString());
    assert.equal((await docs.size("r3")).updates, 2);
  });

  it("keeps a room's log apart from a room whose name extends it with a colon", async () => {
    const [short, long] = ["r4", "r4:000000000001"];
    const shortDoc = new Y.Doc();
    const longDoc = new Y.Doc();
    for (let i = 1; i <= 3; i++) await docs.append(short, edit(shortDoc, `s${i},`), i);
    for (let i = 1; i <= 2; i++) await docs.append(long, edit(longDoc, `l${i},`), i);
    assert.deepEqual(await docs.lastSeqs([short, long, "r4-none"]), new Map([[short, 3], [long, 2], ["r4-none", 0]]));
    const bodies = await docs.loadMany([short, long]);
    assert.equal(textOf(bodies.get(short)!.update), "s1,s2,s3,");
    assert.equal(textOf(bodies.get(long)!.update), "l1,l2,");
    assert.equal(await docs.compact(short, Y.encodeStateAsUpdate(shortDoc), 3), true);
    assert.equal((await docs.size(short)).updates, 0);
    assert.equal((await docs.size(long)).updates, 2);
    await docs.remove(short);
    assert.equal(await docs.exists(short), false);
    assert.equal(textOf((await docs.load(long)).update), "l1,l2,");
  });

  it("compacts one room of several whose names prefix each other: nothing lost, no other room's entry read or removed", async () => {
    // "p"'s _id range also spans "p:000000000001" and "p:5" (their ids start "p:0…" and "p:5…"); "p0" and "pp" lie outside it.
    const rooms = ["p", "p:000000000001", "p:5", "p0", "pp"];
    const docOf = new Map(rooms.map((room) => [room, new Y.Doc()]));
    const expected = (room: string) => docOf.get(room)!.getText("t").toString();
    const write = async (from: number, to: number) => {
      for (let i = from; i <= to; i++) for (const room of rooms) await docs.append(room, edit(docOf.get(room)!, `${room}#${i},`), room === "p0" ? undefined : i);
    };
    const all = [...rooms, "p:none"];
    await write(1, 8);
    // Single writer: "p" up to seq 8, from a state holding exactly those entries, compacted once 9 to 12 are written.
    const upTo8 = (await docs.loadMany(["p"])).get("p")!;
    assert.equal(upTo8.lastSeq, 8);
    await write(9, 12);
    assert.deepEqual(await docs.lastSeqs(all), new Map(all.map((room) => [room, room === "p:none" ? 0 : 12])));
    assert.equal(await docs.compact("p", upTo8.update, 8), true);
    // Several writers: "p:5" folds what it read while another append lands.
    const read = await docs.load("p:5");
    const [, folded] = await Promise.all([docs.append("p:5", edit(docOf.get("p:5")!, "late,")), docs.compact("p:5", read.update, read.lastSeq, read.ids)]);
    assert.equal(folded, true);
    const counts = await Promise.all(rooms.map(async (room) => (await docs.size(room)).updates));
    assert.deepEqual(counts, [4, 12, 1, 12, 12]);
    const bodies = await docs.loadMany(all);
    for (const room of rooms) {
      assert.equal(textOf(bodies.get(room)!.update), expected(room), room);
      assert.equal(textOf((await docs.load(room)).update), expected(room), room);
    }
    assert.equal(textOf(bodies.get("p:none")!.update), "");
    assert.deepEqual(await docs.lastSeqs(all), new Map(all.map((room) => [room, room === "p:none" ? 0 : room === "p:5" ? 13 : 12])));
    await docs.remove("p");
    assert.deepEqual(await Promise.all(rooms.map((room) => docs.exists(room))), [false, true, true, true, true]);
  });
});
