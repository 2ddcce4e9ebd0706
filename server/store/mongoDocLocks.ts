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

/** Far above a single write (milliseconds); only a killed holder leaves a lock to expire. */
const LEASE_MS = 5000;

export type DocLocks = { withLock<R>(collection: string, id: unknown, fn: () => Promise<R>): Promise<R> };

export function docLocks(locks: MongoCollection<Lock>): DocLocks {
  async function acquire(key: string): Promise<string> {
    const owner = newId();
    for (let attempt = 0; ; attempt++) {
      try {
        await locks.insertOne({ _id: key, owner, until: new Date(Date.now() + LEASE_MS) });
        return owner;
      } catch (error) {
        if (!(error instanceof MongoServerError && error.code === 11000)) throw error;
      }
      const held = await locks.findOne({ _id: key });
      if (held && held.until.getTime() < Date.now()) await locks.deleteOne({ _id: key, owner: held.owner });
      else await sleep(Math.min(50, 1 + attempt) * (0.5 + Math.random()));
    }
  }
  return {
    async withLock(collection, id, fn) {
      const key = `${collection}:${JSON.stringify(id)}`;
      const owner = await acquire(key);
      try {
        return await fn();
      } finally {
        await locks.deleteOne({ _id: key, owner });
      }
    },
  };
}
