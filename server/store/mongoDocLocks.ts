// Per-document write locks for MongoDB-wire servers whose updates are not atomic (FerretDB v1), taken by a unique insert.
import { setTimeout as sleep } from "node:timers/promises";
import { type Collection as MongoCollection, MongoServerError } from "mongodb";
import { newId } from "./ids.ts";

/**
 * FerretDB v1 runs an update as "query, change in Go, write back by _id" with no compare-and-swap, so two
 * concurrent `$inc` lose one and a conditional update (`{usedAt: null}`, a mail-job claim) can match twice.
 * An insert under a unique _id and a delete by _id are atomic there as on MongoDB, so a writer first inserts
 * `<collection>:<id>` here; every engine write to a document goes through it, which makes "check the filter,
 * then write" one step again across processes.
 */
type Lock = { _id: string; owner: string; until: Date };

/** Far above a single write (milliseconds), and renewed while it runs: only a killed holder leaves a lock to expire. */
const LEASE_MS = 5000;

export type DocLocks = {
  withLock<R>(collection: string, id: unknown, fn: () => Promise<R>): Promise<R>;
  /** Like withLock, but gives up at once (`{ busy: true }`) when another writer holds the document. */
  tryWithLock<R>(collection: string, id: unknown, fn: () => Promise<R>): Promise<{ busy: true } | { busy: false; result: R }>;
};

export function docLocks(locks: MongoCollection<Lock>): DocLocks {
  /** Takes the lock, or resolves to null when it is held (an expired one is cleared first, and one more try made). */
  async function tryAcquire(key: string, owner: string): Promise<string | null> {
    for (let expiredCleared = false; ; expiredCleared = true) {
      try {
        await locks.insertOne({ _id: key, owner, until: new Date(Date.now() + LEASE_MS) });
        return owner;
      } catch (error) {
        if (!(error instanceof MongoServerError && error.code === 11000)) throw error;
      }
      const held = await locks.findOne({ _id: key });
      if (expiredCleared || (held && held.until.getTime() >= Date.now())) return null;
      if (held) await locks.deleteOne({ _id: key, owner: held.owner });
    }
  }
  async function acquire(key: string): Promise<string> {
    const owner = newId();
    for (let attempt = 0; ; attempt++) {
      if (await tryAcquire(key, owner)) return owner;
      await sleep(Math.min(50, 1 + attempt) * (0.5 + Math.random()));
    }
  }
  async function holding<R>(key: string, owner: string, fn: () => Promise<R>): Promise<R> {
    // Renewed while the write runs: on a starved machine one write can outlast LEASE_MS, and only a dead holder's lock
    // may expire (two writers past one lock would interleave their "query, then write back").
    let renewing: Promise<unknown> = Promise.resolve();
    const renew = setInterval(() => {
      renewing = locks.updateOne({ _id: key, owner }, { $set: { until: new Date(Date.now() + LEASE_MS) } }).catch(() => {});
    }, LEASE_MS / 3);
    renew.unref();
    try {
      return await fn();
    } finally {
      clearInterval(renew);
      // A renewal still under way could otherwise write its lock back over the next holder's.
      await renewing;
      // Gone already: the lock was broken while the write ran (it went unrenewed for LEASE_MS), so two writes may have interleaved.
      if ((await locks.deleteOne({ _id: key, owner })).deletedCount === 0)
        process.emitWarning(`document lock ${key} expired while its write ran`, { code: "CARNET_DOC_LOCK_BROKEN" });
    }
  }
  const keyOf = (collection: string, id: unknown) => `${collection}:${JSON.stringify(id)}`;
  return {
    async withLock(collection, id, fn) {
      const key = keyOf(collection, id);
      return await holding(key, await acquire(key), fn);
    },
    async tryWithLock(collection, id, fn) {
      const key = keyOf(collection, id);
      const owner = await tryAcquire(key, newId());
      return owner ? { busy: false, result: await holding(key, owner, fn) } : { busy: true };
    },
  };
}
