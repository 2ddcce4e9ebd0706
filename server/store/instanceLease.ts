// One Carnet instance per shared database: a lease record in the store, renewed while the instance runs.
import os from "node:os";
import { DuplicateKeyError } from "../errors.ts";
import { newId } from "./ids.ts";
import { isAlive, StoreLockedError } from "./lock.ts";
import type { Store } from "./types.ts";

type Lease = { _id: string; owner: string; host: string; pid: number; until: Date };

export type LeaseTimes = { leaseMs: number; renewMs: number };

const DEFAULT_TIMES: LeaseTimes = { leaseMs: 15_000, renewMs: 5_000 };
const LEASE_ID = "instance";
const heldHere = new Set<string>();

/**
 * Without Redis, instances could not share rooms, rate limits, caches or sign-outs, so a second one on the same
 * database must refuse to start rather than silently diverge. A holder that died (SIGKILL) is taken over at once
 * when it ran on this host; otherwise its lease has to run out unrenewed.
 */
export async function takeInstanceLease(store: Store, times: LeaseTimes = DEFAULT_TIMES): Promise<{ release(): Promise<void> }> {
  const leases = store.collection<Lease>("meta");
  const mine: Lease = { _id: LEASE_ID, owner: newId(), host: os.hostname(), pid: process.pid, until: new Date() };
  let previous: Lease | null = null;
  for (;;) {
    try {
      await leases.insertOne({ ...mine, until: new Date(Date.now() + times.leaseMs) });
      break;
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
    const held = await leases.findOne({ _id: LEASE_ID });
    if (!held) continue;
    const here = held.host === mine.host;
    // The same pid on this host but not held here: an earlier process of a container restarted with the same pid.
    const liveHere = here && (heldHere.has(held.owner) || (held.pid !== process.pid && isAlive(held.pid)));
    const deadHere = here && !liveHere;
    const expired = held.until.getTime() < Date.now();
    const renewed = previous !== null && previous.owner === held.owner && previous.until.getTime() !== held.until.getTime();
    if (liveHere || renewed) throw new StoreLockedError(leasedMessage(held));
    if (deadHere || (expired && previous?.owner === held.owner)) {
      await leases.deleteOne({ _id: LEASE_ID, owner: held.owner });
      continue;
    }
    previous = held;
    // Waits one lease period: a live holder renews meanwhile, a dead one does not.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, held.until.getTime() - Date.now()) + times.renewMs));
  }
  heldHere.add(mine.owner);
  const timer = setInterval(() => {
    void leases.updateOne({ _id: LEASE_ID, owner: mine.owner }, { $set: { until: new Date(Date.now() + times.leaseMs) } }).catch(() => {});
  }, times.renewMs);
  timer.unref();
  return {
    async release() {
      clearInterval(timer);
      heldHere.delete(mine.owner);
      await leases.deleteOne({ _id: LEASE_ID, owner: mine.owner });
    },
  };
}

function leasedMessage(held: Lease): string {
  return `Cette base MongoDB est déjà utilisée par une autre instance de Carnet (hôte ${held.host}, pid ${held.pid}). Plusieurs instances sur une même base demandent Redis : donnez REDIS_URL à chacune, ou arrêtez l'autre instance d'abord.`;
}
