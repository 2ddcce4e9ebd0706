// FerretDB v1's document locks under the two ways one breaks: several writers clearing an expired lock, and a holder starved past its lease.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Collection, type Db, MongoClient } from "mongodb";
import { docLocks } from "../../server/store/mongoDocLocks.ts";

type Lock = { _id: string; owner: string; until: Date };
type Counter = { _id: string; value: number };

const url = process.env.MONGODB_URL;
if (url) {
  describe("document locks on a MongoDB-wire server", () => {
    let client: MongoClient;
    let db: Db;
    let locks: Collection<Lock>;
    let counters: Collection<Counter>;
    before(async () => {
      const dbUrl = new URL(url);
      dbUrl.pathname = `/carnet_locks_${process.pid}_${Date.now()}`;
      client = await MongoClient.connect(dbUrl.toString());
      db = client.db();
      locks = db.collection<Lock>("store_locks");
      counters = db.collection<Counter>("counters");
    });
    after(async () => {
      await db.dropDatabase();
      await client.close();
    });

    /** The write the locks make safe on FerretDB v1: read, then write back by _id. */
    const increment = async (id: string, fenced: <T>(write: () => Promise<T>) => Promise<T>, between?: Promise<void>) => {
      const value = (await counters.findOne({ _id: id }))?.value ?? 0;
      await between;
      await fenced(() => counters.updateOne({ _id: id }, { $set: { value: value + 1 } }, { upsert: true }));
    };

    it("lets one writer at a time past a lock left expired by a killed holder, however many clear it together", async () => {
      // As after a kill -9: every sender's claim loop finds the dead instance's lock expired at once.
      const writers = 8;
      for (let round = 0; round < 15; round++) {
        const id = `c${round}`;
        await locks.insertOne({ _id: `counters:${JSON.stringify(id)}`, owner: `mort-${round}`, until: new Date(Date.now() - 1) });
        let inside = 0;
        let most = 0;
        await Promise.all(
          Array.from({ length: writers }, () =>
            docLocks(locks).withLock("counters", id, async (hold) => {
              most = Math.max(most, ++inside);
              try {
                await increment(id, hold.fenced);
              } finally {
                inside--;
              }
            }),
          ),
        );
        assert.equal(most, 1, `tour ${round} : ${most} écrivains ensemble sous le verrou`);
        assert.equal((await counters.findOne({ _id: id }))?.value, writers, `tour ${round} : une écriture perdue`);
      }
    });

    it("refuses the write of a holder starved past its lease, and makes it again under a new lock: nothing is lost", async () => {
      const leaseMs = 400;
      let unstall = () => {};
      const stalled = new Promise<void>((resolve) => {
        unstall = resolve;
      });
      // The starved holder's renewals do not land before its lock has expired and another writer has taken and used it.
      const starvedLocks = new Proxy(locks, {
        get(target, name) {
          if (name === "updateOne")
            return async (...args: Parameters<Collection<Lock>["updateOne"]>) => {
              await stalled;
              return await target.updateOne(...args);
            };
          const value = Reflect.get(target, name);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      let otherDone = () => {};
      const other = new Promise<void>((resolve) => {
        otherDone = resolve;
      });
      let readFirst = () => {};
      const starvedRead = new Promise<void>((resolve) => {
        readFirst = resolve;
      });
      let attempts = 0;
      const starved = docLocks(starvedLocks, leaseMs).withLock("counters", "starved", async (hold) => {
        attempts++;
        readFirst();
        // Read before the other writer's write, written after it: without the fence, its increment would be lost.
        await increment("starved", hold.fenced, other);
      });
      await starvedRead;
      await docLocks(locks, leaseMs).withLock("counters", "starved", (hold) => increment("starved", hold.fenced));
      otherDone();
      unstall();
      await starved;
      assert.equal(attempts, 2, "the starved holder's first write was refused, and made again under a new lock");
      assert.equal((await counters.findOne({ _id: "starved" }))?.value, 2);
    });
  });
} else {
  process.stdout.write("Document locks suite: SKIPPED (no MONGODB_URL)\n");
  describe("document locks on a MongoDB-wire server", () => {
    it("Document locks suite: SKIPPED (no MONGODB_URL)", { skip: "no MONGODB_URL" }, () => {});
  });
}
