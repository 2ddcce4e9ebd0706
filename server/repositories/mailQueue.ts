// The durable mail queue: announcement batches per episode and one job per (episode, address).
import type { MailBatch, MailJob } from "../domain/subscriptions.ts";
import { DuplicateKeyError } from "../errors.ts";
import type { Store } from "../store/types.ts";

const abandonedAt = (now: Date) => ({ status: "sending", leaseUntil: { $lt: now } });
const pendingAt = (now: Date) => ({ status: "pending", nextAttemptAt: { $lte: now } });

export function mailQueueRepository(store: Store) {
  const jobs = store.collection<MailJob>("mail_jobs");
  const batches = store.collection<MailBatch>("mail_batches");
  return {
    /** Inserts the batch unless it exists; either way returns the stored one (its first cutoff wins). */
    async openBatch(batch: MailBatch): Promise<MailBatch> {
      try {
        return await batches.insertOne(batch);
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
        return (await batches.findOne({ _id: batch._id }))!;
      }
    },
    batch: (episodeId: string) => batches.findOne({ _id: episodeId }),
    unfinishedBatches: () => batches.find({ enqueuedAt: null }),
    closeBatch: (episodeId: string, at: Date) => batches.updateOne({ _id: episodeId }, { $set: { enqueuedAt: at } }),
    /** Queues a job; false when that (episode, address) is already queued, which makes enqueueing idempotent. */
    async enqueue(job: MailJob): Promise<boolean> {
      try {
        await jobs.insertOne(job);
        return true;
      } catch (error) {
        if (error instanceof DuplicateKeyError) return false;
        throw error;
      }
    },
    /**
     * Up to `limit` due jobs of each kind, by id: those whose sender died mid-send (the oldest work, to claim first),
     * and pending ones. One read serves many claims: FerretDB v1 reads the whole collection for it.
     */
    async due(now: Date, limit: number): Promise<{ abandoned: string[]; pending: string[] }> {
      const [abandoned, pending] = await Promise.all([jobs.find(abandonedAt(now), { limit }), jobs.find(pendingAt(now), { limit })]);
      return { abandoned: abandoned.map((j) => j._id), pending: pending.map((j) => j._id) };
    },
    /** Takes job `id` for `owner` until `leaseUntil` if it is still due; null when another sender took it first. */
    claim: (id: string, owner: string, now: Date, leaseUntil: Date): Promise<MailJob | null> =>
      jobs.findOneAndUpdate(
        { _id: id, $or: [abandonedAt(now), pendingAt(now)] },
        { $set: { status: "sending", leaseOwner: owner, leaseUntil }, $inc: { attempts: 1 } },
      ),
    /** Extends `owner`'s claim on one job; false when the claim was lost to another sender meanwhile. */
    extend: async (id: string, owner: string, leaseUntil: Date) =>
      (await jobs.updateOne({ _id: id, status: "sending", leaseOwner: owner }, { $set: { leaseUntil } })) === 1,
    /** Resolves to false when the lease was lost to another sender meanwhile. */
    finish: async (id: string, owner: string, fields: Partial<MailJob>) =>
      (await jobs.updateOne({ _id: id, leaseOwner: owner }, { $set: { ...fields, leaseOwner: null, leaseUntil: null } })) === 1,
    /** Makes every claim expire now: for a store only this process can use, whose earlier claims are all dead. */
    releaseLeases: () => jobs.updateMany({ status: "sending" }, { $set: { leaseUntil: new Date(0) } }),
    byId: (id: string) => jobs.findOne({ _id: id }),
    forEpisode: (episodeId: string) => jobs.find({ episodeId }),
    count: (filter: { status?: MailJob["status"]; episodeId?: string } = {}) => jobs.count({ ...filter }),
    /** The earliest time a pending job becomes due, to sleep exactly until then. */
    nextDue: async (): Promise<Date | null> =>
      (await jobs.find({ status: "pending" }, { sort: { nextAttemptAt: 1 }, limit: 1 }))[0]?.nextAttemptAt ?? null,
  };
}
export type MailQueueRepository = ReturnType<typeof mailQueueRepository>;
