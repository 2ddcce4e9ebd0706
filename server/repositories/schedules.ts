// Scheduled publications: one record per episode, claimed by one instance when its time comes.
import type { EpisodeSchedule, ScheduleFailure } from "../domain/schedules.ts";
import { DuplicateKeyError } from "../errors.ts";
import type { Store } from "../store/types.ts";

export function schedulesRepository(store: Store) {
  const schedules = store.collection<EpisodeSchedule>("episode_schedules");
  return {
    byId: (episodeId: string) => schedules.findOne({ _id: episodeId }),
    forEpisodes: (episodeIds: string[]) => schedules.find({ _id: { $in: episodeIds } }),
    /**
     * Sets (or moves) the schedule of an episode; false while an instance is publishing it, since that
     * publication can no longer be stopped.
     */
    async set(schedule: EpisodeSchedule): Promise<boolean> {
      try {
        await schedules.insertOne(schedule);
        return true;
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
      }
      const { _id, ...fields } = schedule;
      return (await schedules.updateOne({ _id, status: { $in: ["scheduled", "failed"] } }, { $set: fields })) > 0;
    },
    /** Removes a schedule not being published right now; false when there was none to remove. */
    async cancel(episodeId: string): Promise<boolean> {
      // Marked by a conditional update first (atomic on every engine, unlike a conditional delete on FerretDB v1),
      // so a claim taken at that very moment either wins or finds nothing.
      const marked = await schedules.updateOne({ _id: episodeId, status: { $in: ["scheduled", "failed"] } }, { $set: { status: "cancelled" } });
      await schedules.deleteOne({ _id: episodeId, status: "cancelled" });
      return marked > 0;
    },
    /**
     * Takes one due schedule for `owner` until `leaseUntil`, by the store's conditional update (as mail jobs are
     * claimed): one whose time has come, or one whose publisher died mid-way. Two instances never get the same.
     */
    async claim(owner: string, now: Date, leaseUntil: Date): Promise<EpisodeSchedule | null> {
      const take = { $set: { status: "publishing", leaseOwner: owner, leaseUntil } };
      return (
        (await schedules.findOneAndUpdate({ status: "scheduled", at: { $lte: now } }, take)) ??
        (await schedules.findOneAndUpdate({ status: "publishing", leaseUntil: { $lt: now } }, take))
      );
    },
    /** Done: the claimed schedule goes. */
    finish: (episodeId: string, owner: string) => schedules.deleteOne({ _id: episodeId, leaseOwner: owner }),
    /** Failed: the claimed schedule stays, with the reason, for the team to read. */
    fail: (episodeId: string, owner: string, failure: ScheduleFailure) =>
      schedules.updateOne({ _id: episodeId, leaseOwner: owner }, { $set: { status: "failed", failure, leaseOwner: null, leaseUntil: null } }),
    /** Makes every claim expire now: for a store only this process can use, whose earlier claims are all dead. */
    releaseLeases: () => schedules.updateMany({ status: "publishing" }, { $set: { leaseUntil: new Date(0) } }),
  };
}
export type SchedulesRepository = ReturnType<typeof schedulesRepository>;
