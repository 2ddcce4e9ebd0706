// Per-document write locks for MongoDB-wire servers whose updates are not atomic (FerretDB v1), taken by a unique insert.
import { setTimeout as sleep } from "node:timers/promises";
import { type Collection as MongoCollection, MongoServerError } from "mongodb";
import { newId } from "./ids.ts";

/**
 * FerretDB v1 runs an update as "query, change in Go, write back by _id" with no compare-and-swap, so two
 * concurrent `$inc` lose one and a conditional update (`{usedAt: null}`, a mail-job claim) can match twice.
 * An insert under a unique _id is atomic there as on MongoDB, so a writer first inserts `<collection>:<id>`
 * here; every engine write to a document goes through it, which makes "check the filter, then write" one step
 * again across processes. A delete or an update of a lock is not atomic either ("query, then delete by _id"),
 * which is why a lock is only ever deleted by its holder while it certainly holds it, or by the one clearer of
 * an expired lock that won that lock's clearing token, and why renewals never overlap.
 */
type Lock = { _id: string; owner: string; until: Date };

/** Far above a single write (milliseconds), and renewed while it runs: only a killed or starved holder lets a lock expire. */
const LEASE_MS = 10_000;

/** Given to the write run under a lock: `fenced` runs its one write only while the lock is certainly still held. */
export type Hold = { fenced<T>(write: () => Promise<T>): Promise<T> };

/** Thrown by `fenced` before writing: the lock may have expired (its renewals came too late), so the write is not made. */
class LockLost extends Error {}

export type DocLocks = {
  /** Runs `fn` under the document's lock; taken again and `fn` run again if its write was refused for a lock lost. */
  withLock<R>(collection: string, id: unknown, fn: (hold: Hold) => Promise<R>): Promise<R>;
  /** Like withLock, but gives up at once (`{ busy: true }`) when another writer holds the document. */
  tryWithLock<R>(collection: string, id: unknown, fn: (hold: Hold) => Promise<R>): Promise<{ busy: true } | { busy: false; result: R }>;
};

/** `leaseMs` is shorter only in tests, which starve a holder on purpose. */
export function docLocks(locks: MongoCollection<Lock>, leaseMs = LEASE_MS): DocLocks {
  // A write checked at the fence has this long to land before anyone could clear its lock. Not more: on a loaded
  // machine a lock's insert or renewal takes seconds, and a larger margin refused most writes (CARNET_DOC_LOCK_LOST).
  const margin = leaseMs / 5;

  /** Takes the lock, or resolves to null when it is held (an expired one is cleared first, and one more try made); else the time it is held until. */
  async function tryAcquire(key: string, owner: string): Promise<number | null> {
    for (let expiredCleared = false; ; expiredCleared = true) {
      const from = Date.now();
      try {
        await locks.insertOne({ _id: key, owner, until: new Date(from + leaseMs) });
        return from + leaseMs;
      } catch (error) {
        if (!(error instanceof MongoServerError && error.code === 11000)) throw error;
      }
      const held = await locks.findOne({ _id: key });
      if (expiredCleared || (held && held.until.getTime() >= Date.now())) return null;
      if (held) await clear(held);
    }
  }

  /**
   * Deletes an expired lock. Writers finding it expired together would each "query, then delete by _id", and a late
   * delete would remove the lock another of them had just taken: so only the writer that inserts this lock's clearing
   * token deletes it (one token per lease period after the expiry, should a clearer die midway).
   */
  async function clear(held: Lock): Promise<void> {
    const token = `${held._id}|${held.owner}|${Math.floor((Date.now() - held.until.getTime()) / leaseMs)}`;
    try {
      await locks.insertOne({ _id: token, owner: held.owner, until: held.until });
    } catch (error) {
      if (error instanceof MongoServerError && error.code === 11000) return;
      throw error;
    }
    try {
      await locks.deleteOne({ _id: held._id, owner: held.owner });
    } finally {
      await locks.deleteOne({ _id: token });
    }
  }

  async function acquire(key: string, owner: string): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      const until = await tryAcquire(key, owner);
      if (until !== null) return until;
      await sleep(Math.min(50, 1 + attempt) * (0.5 + Math.random()));
    }
  }

  async function holding<R>(key: string, owner: string, heldUntil: number, fn: (hold: Hold) => Promise<R>): Promise<R> {
    let until = heldUntil;
    let lost = false;
    // One renewal at a time, each awaited before the release: a renewal landing after it would write this lock back
    // over the next holder's. Each renews from the time it was sent, so `until` is never later than the stored one.
    let renewing: Promise<void> | null = null;
    const renew = setInterval(() => {
      if (renewing || lost) return;
      const from = Date.now();
      renewing = locks
        .updateOne({ _id: key, owner }, { $set: { until: new Date(from + leaseMs) } })
        .then(
          (r) => {
            // Landed after the lock could have expired: it may have been cleared and taken, and this renewal written over the new holder's.
            if (r.matchedCount === 0 || Date.now() >= until) lost = true;
            else until = Math.max(until, from + leaseMs);
          },
          () => {},
        )
        .finally(() => {
          renewing = null;
        });
    }, leaseMs / 3);
    renew.unref();
    const certain = () => !lost && Date.now() < until - margin;
    try {
      return await fn({
        async fenced(write) {
          if (!certain()) throw new LockLost(key);
          return await write();
        },
      });
    } finally {
      clearInterval(renew);
      await renewing;
      // Expired (a starved holder): deleting it could remove the lock of a writer that cleared it; left to expire.
      if (lost || Date.now() >= until) process.emitWarning(`document lock ${key} ran out while held; its write, if any, was refused`, { code: "CARNET_DOC_LOCK_LOST" });
      else if ((await locks.deleteOne({ _id: key, owner })).deletedCount === 0)
        process.emitWarning(`document lock ${key} was gone at its release`, { code: "CARNET_DOC_LOCK_BROKEN" });
    }
  }

  const keyOf = (collection: string, id: unknown) => `${collection}:${JSON.stringify(id)}`;
  return {
    async withLock(collection, id, fn) {
      const key = keyOf(collection, id);
      for (;;) {
        const owner = newId();
        try {
          return await holding(key, owner, await acquire(key, owner), fn);
        } catch (error) {
          if (!(error instanceof LockLost)) throw error;
        }
      }
    },
    async tryWithLock(collection, id, fn) {
      const key = keyOf(collection, id);
      const owner = newId();
      const until = await tryAcquire(key, owner);
      if (until === null) return { busy: true };
      try {
        return { busy: false, result: await holding(key, owner, until, fn) };
      } catch (error) {
        if (error instanceof LockLost) return { busy: true };
        throw error;
      }
    },
  };
}
