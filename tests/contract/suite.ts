// The storage contract: the same assertions run against every engine.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { DuplicateKeyError } from "../../server/errors.ts";
import type { CollectionSpec, Migration, Store } from "../../server/store/types.ts";

export const contractCollections: CollectionSpec[] = [
  { name: "meta", indexes: [] },
  { name: "counters", indexes: [] },
  { name: "things", indexes: [{ name: "things_code", fields: ["code"], unique: true }, { name: "things_group", fields: ["group"] }] },
  { name: "pairs", indexes: [{ name: "pairs_ab", fields: ["a", "b"], unique: true }] },
  { name: "blobs", indexes: [] },
];

export type EngineHarness = {
  /** Opens the engine on the same underlying data each time (a data folder, or a database name). */
  open(migrations?: Migration[]): Promise<Store>;
  cleanup(): Promise<void>;
};

type Thing = { _id: string; code: string; group: string; n: number; at?: Date; tags?: string[] };

export function storeContract(name: string, harness: EngineHarness): void {
  describe(`storage contract: ${name}`, () => {
    let store: Store;
    before(async () => {
      store = await harness.open();
    });
    after(async () => {
      await store.close();
      await harness.cleanup();
    });

    it("refuses a unique-index violation with a typed conflict error", async () => {
      const things = store.collection<Thing>("things");
      await things.insertOne({ _id: "u1", code: "same", group: "g", n: 1 });
      await assert.rejects(things.insertOne({ _id: "u2", code: "same", group: "g", n: 2 }), DuplicateKeyError);
      await assert.rejects(things.insertOne({ _id: "u1", code: "other", group: "g", n: 3 }), DuplicateKeyError);
      assert.equal(await things.count({ code: "same" }), 1);
      assert.equal(await things.findOne({ _id: "u2" }), null);
    });

    it("refuses an update that would break a unique index with the same typed error, and changes nothing", async () => {
      const things = store.collection<Thing>("things");
      await things.insertOne({ _id: "v1", code: "taken", group: "g", n: 1 });
      await things.insertOne({ _id: "v2", code: "free", group: "g", n: 2 });
      await assert.rejects(things.updateOne({ _id: "v2" }, { $set: { code: "taken" } }), DuplicateKeyError);
      await assert.rejects(things.findOneAndUpdate({ _id: "v2" }, { $set: { code: "taken" } }), DuplicateKeyError);
      assert.equal((await things.findOne({ _id: "v2" }))?.code, "free");
    });

    it("enforces a compound unique index on the pair, not on each field", async () => {
      const pairs = store.collection<{ _id: string; a: string; b: number }>("pairs");
      await pairs.insertOne({ _id: "p1", a: "x", b: 1 });
      await pairs.insertOne({ _id: "p2", a: "x", b: 2 });
      await pairs.insertOne({ _id: "p3", a: "y", b: 1 });
      await assert.rejects(pairs.insertOne({ _id: "p4", a: "x", b: 1 }), DuplicateKeyError);
    });

    it("gives 50 concurrent $inc on one counter 50 distinct values", async () => {
      const counters = store.collection<{ _id: string; value: number }>("counters");
      const values = await Promise.all(
        Array.from({ length: 50 }, () => counters.findOneAndUpdate({ _id: "c" }, { $inc: { value: 1 } }, { upsert: true })),
      );
      const seen = values.map((v) => v!.value).sort((a, b) => a - b);
      assert.deepEqual(seen, Array.from({ length: 50 }, (_, i) => i + 1));
    });

    it("lets a conditional update win once among concurrent ones, and concurrent claims take different records", async () => {
      const things = store.collection<Thing>("things");
      await things.insertOne({ _id: "once", code: "once", group: "claims", n: 0 });
      const wins = await Promise.all(Array.from({ length: 20 }, (_, i) => things.updateOne({ _id: "once", n: 0 }, { $set: { n: i + 1 } })));
      assert.equal(wins.reduce((a, b) => a + b, 0), 1);
      for (let i = 0; i < 5; i++) await things.insertOne({ _id: `job${i}`, code: `job${i}`, group: "pending", n: 0 });
      const claims = await Promise.all(Array.from({ length: 12 }, () => things.findOneAndUpdate({ group: "pending" }, { $set: { group: "taken" }, $inc: { n: 1 } })));
      const taken = claims.filter((c) => c !== null).map((c) => c._id);
      assert.deepEqual([...taken].sort(), ["job0", "job1", "job2", "job3", "job4"]);
      assert.equal(await things.count({ group: "taken", n: 1 }), 5);
      assert.equal(await things.updateMany({ group: "taken" }, { $inc: { n: 1 } }), 5);
      assert.equal(await things.count({ group: "taken", n: 2 }), 5);
    });

    it("round-trips a 1 MB binary value byte for byte", async () => {
      const blobs = store.collection<{ _id: string; data: Uint8Array; nested: { parts: Uint8Array[] } }>("blobs");
      const data = new Uint8Array(randomBytes(1024 * 1024));
      const small = new Uint8Array([0, 255, 1, 254]);
      await blobs.insertOne({ _id: "b1", data, nested: { parts: [small] } });
      const back = await blobs.findOne({ _id: "b1" });
      assert.ok(back!.data instanceof Uint8Array);
      assert.equal(Buffer.compare(Buffer.from(back!.data), Buffer.from(data)), 0);
      assert.deepEqual([...back!.nested.parts[0]!], [...small]);
      await blobs.updateOne({ _id: "b1" }, { $set: { data: small } });
      assert.deepEqual([...(await blobs.findOne({ _id: "b1" }))!.data], [...small]);
    });

    it("sorts, skips, limits and filters with comparison operators alike", async () => {
      const things = store.collection<Thing>("things");
      for (let i = 0; i < 10; i++) await things.insertOne({ _id: `s${i}`, code: `s${i}`, group: "sorted", n: (i * 7) % 10 });
      const page = await things.find({ group: "sorted", n: { $gte: 2 } }, { sort: { n: -1 }, skip: 1, limit: 3 });
      assert.deepEqual(page.map((t) => t.n), [8, 7, 6]);
      assert.equal(await things.count({ group: "sorted", n: { $in: [1, 2, 3] } }), 3);
      assert.equal(await things.count({ group: "sorted", n: { $ne: 0 } }), 9);
    });

    it("inserts many in one call, sorts on two fields and refuses a duplicate in a batch with the typed error", async () => {
      const things = store.collection<Thing>("things");
      const batch = [3, 1, 2, 1, 3].map((n, i) => ({ _id: `im${i}`, code: `im${i}`, group: `many${n % 2}`, n }));
      await things.insertMany(batch);
      await things.insertMany([]);
      const sorted = await things.find({ _id: { $in: batch.map((t) => t._id) } }, { sort: { group: 1, n: -1 } });
      assert.deepEqual(sorted.map((t) => [t.group, t.n]), [["many0", 2], ["many1", 3], ["many1", 3], ["many1", 1], ["many1", 1]]);
      await assert.rejects(things.insertMany([{ _id: "im-new", code: "im-new", group: "many", n: 0 }, { _id: "im9", code: "im0", group: "many", n: 0 }]), DuplicateKeyError);
    });

    it("applies $set, $unset, $push, $addToSet, $pull and keeps dates as dates", async () => {
      const things = store.collection<Thing>("things");
      const at = new Date("2024-03-01T10:00:00Z");
      await things.insertOne({ _id: "m1", code: "m1", group: "m", n: 0, tags: [] });
      assert.equal(await things.updateOne({ _id: "m1" }, { $set: { at }, $push: { tags: "a" } }), 1);
      await things.updateOne({ _id: "m1" }, { $addToSet: { tags: "a" } });
      await things.updateOne({ _id: "m1" }, { $addToSet: { tags: "b" } });
      await things.updateOne({ _id: "m1" }, { $pull: { tags: "a" } });
      let doc = await things.findOne({ _id: "m1" });
      assert.ok(doc!.at instanceof Date);
      assert.equal(doc!.at!.getTime(), at.getTime());
      assert.deepEqual(doc!.tags, ["b"]);
      await things.updateOne({ _id: "m1" }, { $unset: { at: true } });
      doc = await things.findOne({ _id: "m1" });
      assert.equal(doc!.at, undefined);
      assert.equal(await things.updateOne({ _id: "missing" }, { $set: { n: 1 } }), 0);
      assert.equal(await things.findOneAndUpdate({ _id: "missing" }, { $set: { n: 1 } }), null);
    });

    it("deletes one or many", async () => {
      const things = store.collection<Thing>("things");
      for (let i = 0; i < 3; i++) await things.insertOne({ _id: `d${i}`, code: `d${i}`, group: "del", n: i });
      assert.equal(await things.deleteOne({ group: "del", n: 0 }), 1);
      assert.equal(await things.deleteMany({ group: "del" }), 2);
      assert.equal(await things.count({ group: "del" }), 0);
    });

    it("deletes exactly the listed ids, not those between them", async () => {
      const things = store.collection<Thing>("things");
      for (let i = 0; i < 6; i++) await things.insertOne({ _id: `e${i}`, code: `e${i}`, group: "ids", n: i });
      assert.equal(await things.deleteMany({ _id: { $in: ["e4", "e1", "e-missing", "e1"] } }), 2);
      assert.equal(await things.deleteMany({ _id: { $in: [] } }), 0);
      assert.deepEqual((await things.find({ group: "ids" }, { sort: { _id: 1 } })).map((t) => t._id), ["e0", "e2", "e3", "e5"]);
    });

    it("finds an $or of _id ranges once each, sorted by _id and paged alike, and other $or filters too", async () => {
      const things = store.collection<Thing>("things");
      const ids = ["o:a:1", "o:a:2", "o:a:3", "o:ab:1", "o:b:1", "o:b:2", "o:c:1"];
      await things.insertMany(ids.map((id, n) => ({ _id: id, code: id, group: id === "o:a:3" ? "or-other" : "or", n })));
      const ranges = { $or: [{ _id: { $gte: "o:b:", $lte: "o:b:~" } }, { group: "or", _id: { $gte: "o:a:", $lte: "o:a:~" } }, { _id: "o:b:1" }] };
      assert.deepEqual((await things.find(ranges, { sort: { _id: -1 } })).map((t) => t._id), ["o:b:2", "o:b:1", "o:a:2", "o:a:1"]);
      assert.deepEqual((await things.find(ranges, { sort: { _id: 1 }, skip: 1, limit: 2 })).map((t) => t._id), ["o:a:2", "o:b:1"]);
      assert.deepEqual((await things.find(ranges)).map((t) => t._id).sort(), ["o:a:1", "o:a:2", "o:b:1", "o:b:2"]);
      assert.deepEqual((await things.find(ranges, { sort: { n: -1 }, limit: 1 })).map((t) => t._id), ["o:b:2"]);
      assert.deepEqual((await things.find({ $or: [{ group: "or", n: 6 }, { _id: "o:ab:1" }] }, { sort: { _id: 1 } })).map((t) => t._id), ["o:ab:1", "o:c:1"]);
      assert.deepEqual(await things.find({ _id: { $in: [] } }), []);
    });

    it("keeps data across a close and reopen, and migrates an older schema version forward", async () => {
      const things = store.collection<Thing>("things");
      await things.insertOne({ _id: "keep", code: "keep", group: "k", n: 42 });
      await store.close();
      const ran: number[] = [];
      const v2: Migration[] = [
        { version: 1, description: "one", up: async () => void ran.push(1) },
        {
          version: 2,
          description: "two",
          up: async (s) => {
            ran.push(2);
            await s.collection<Thing>("things").updateMany({ group: "k" }, { $inc: { n: 1 } });
          },
        },
      ];
      store = await harness.open(v2);
      assert.deepEqual(ran, [2], "only the migration newer than the stored version runs");
      assert.equal(await store.schemaVersion(), 2);
      assert.equal((await store.collection<Thing>("things").findOne({ _id: "keep" }))!.n, 43);
      await store.close();
      await assert.rejects(harness.open([{ version: 1, description: "one", up: async () => {} }]), /plus récent/);
      store = await harness.open(v2);
      assert.equal(await store.schemaVersion(), 2);
    });
  });
}
