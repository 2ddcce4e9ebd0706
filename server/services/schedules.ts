// Scheduling an episode's publication: set, move or cancel the date; the publication itself is scheduledPublication.ts's.
import { allowed, REFUSAL_MESSAGES } from "../domain/episodes.ts";
import type { ParisWallClock } from "../domain/parisTime.ts";
import { type EpisodeSchedule, scheduleInstant } from "../domain/schedules.ts";
import type { Episode } from "../domain/types.ts";
import { conflict, notFound } from "../errors.ts";
import type { SchedulesRepository } from "../repositories/schedules.ts";

export type ScheduleDeps = { schedules: SchedulesRepository; clock?: () => Date };

const publishing = () => conflict("schedule_publishing", "La publication programmée est en cours : elle ne peut plus être changée.");

export function scheduleService(deps: ScheduleDeps) {
  const now = () => deps.clock?.() ?? new Date();
  return {
    /** Schedules (or reschedules) a draft or an episode in review for a Paris date and time. */
    async schedule(episode: Episode, wall: ParisWallClock, actorId: string): Promise<EpisodeSchedule> {
      if (!allowed("publish", episode.status)) throw conflict("episode_not_publishable", REFUSAL_MESSAGES.publish);
      const at = scheduleInstant(wall, now());
      const schedule: EpisodeSchedule = {
        _id: episode._id,
        programmeId: episode.programmeId,
        at,
        status: "scheduled",
        scheduledBy: actorId,
        scheduledAt: now(),
        leaseOwner: null,
        leaseUntil: null,
        failure: null,
      };
      if (!(await deps.schedules.set(schedule))) throw publishing();
      return schedule;
    },
    /** Cancels a schedule, or clears one that failed. */
    async cancel(episode: Episode): Promise<void> {
      if (await deps.schedules.cancel(episode._id)) return;
      throw (await deps.schedules.byId(episode._id)) ? publishing() : notFound("Publication programmée");
    },
    /** The schedules of these episodes, by episode id. */
    async forEpisodes(episodeIds: string[]): Promise<Map<string, EpisodeSchedule>> {
      if (episodeIds.length === 0) return new Map();
      return new Map((await deps.schedules.forEpisodes(episodeIds)).map((s) => [s._id, s]));
    },
  };
}
export type ScheduleService = ReturnType<typeof scheduleService>;
