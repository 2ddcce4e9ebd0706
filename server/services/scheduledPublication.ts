// Publishes scheduled episodes when their time comes, through the episodes service, once across every instance.
import { can } from "../domain/policy.ts";
import type { EpisodeSchedule, ScheduleFailure } from "../domain/schedules.ts";
import type { Episode, User } from "../domain/types.ts";
import { AppError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { EpisodesRepository } from "../repositories/episodes.ts";
import type { SchedulesRepository } from "../repositories/schedules.ts";
import type { UsersRepository } from "../repositories/users.ts";
import type { SessionService } from "./sessions.ts";
import { newId } from "../store/ids.ts";

export type ScheduledPublicationOptions = {
  /** The clock the due times are compared with. */
  now: () => Date;
  /** How often the timer looks for due schedules. */
  tickMs: number;
  /** How long a claim holds before another instance may take over a publication whose publisher died. */
  leaseMs: number;
};

export const defaultScheduledPublicationOptions: ScheduledPublicationOptions = {
  now: () => new Date(),
  tickMs: 30_000,
  leaseMs: 10 * 60_000,
};

export type ScheduledPublicationDeps = {
  schedules: SchedulesRepository;
  episodes: Pick<EpisodesRepository, "byId">;
  users: Pick<UsersRepository, "byId">;
  sessions: Pick<SessionService, "actorFor">;
  /** The episodes service's publication (the "Publier" button's), refusing an empty text. */
  publish(episodeId: string, actorId: string): Promise<Episode>;
  log: Logger;
};

const failure = (code: string, message: string): ScheduleFailure => ({ code, message });

export function scheduledPublication(deps: ScheduledPublicationDeps, options: Partial<ScheduledPublicationOptions> = {}) {
  const o = { ...defaultScheduledPublicationOptions, ...options };
  const owner = newId();
  const log = deps.log.child({ module: "scheduled-publication" });

  /** Why the person who scheduled it may no longer publish it, if so. */
  async function refusal(schedule: EpisodeSchedule, episode: Episode): Promise<ScheduleFailure | null> {
    const user: User | null = await deps.users.byId(schedule.scheduledBy);
    const actor = user?.active ? await deps.sessions.actorFor(user) : null;
    if (actor && can(actor, "episode.publish", { programmeId: episode.programmeId })) return null;
    return failure("schedule_not_allowed", "La personne qui a programmé la publication n'a plus le droit de publier dans ce programme.");
  }

  /** Publishes one claimed schedule, or records why not; never throws, so one failure stops no other. */
  async function run(schedule: EpisodeSchedule): Promise<void> {
    const episode = await deps.episodes.byId(schedule._id);
    if (!episode) {
      // Nothing left to show the reason on: the log tells the administrator.
      log.warn({ episodeId: schedule._id }, "publication programmée abandonnée : l'épisode n'existe plus");
      await deps.schedules.finish(schedule._id, owner);
      return;
    }
    // Published by hand meanwhile: the schedule has nothing left to do.
    if (episode.status === "published") {
      await deps.schedules.finish(schedule._id, owner);
      return;
    }
    const refused = await refusal(schedule, episode);
    if (refused) {
      await deps.schedules.fail(schedule._id, owner, refused);
      return;
    }
    try {
      const published = await deps.publish(episode._id, schedule.scheduledBy);
      await deps.schedules.finish(schedule._id, owner);
      log.info({ episodeId: episode._id, number: published.number }, "épisode publié à l'heure programmée");
    } catch (error) {
      if ((await deps.episodes.byId(episode._id))?.status === "published") {
        await deps.schedules.finish(schedule._id, owner);
        return;
      }
      const reason =
        error instanceof AppError
          ? failure(error.code, error.message)
          : failure("schedule_failed", "La publication a échoué ; programmez-la de nouveau ou publiez à la main.");
      log.warn({ err: error, episodeId: episode._id }, "publication programmée échouée");
      await deps.schedules.fail(schedule._id, owner, reason);
    }
  }

  let sweeping: Promise<void> | null = null;
  /** Publishes every schedule due now; a sweep already running is joined rather than doubled. */
  function sweep(): Promise<void> {
    sweeping ??= (async () => {
      try {
        for (;;) {
          const t = o.now();
          const claimed = await deps.schedules.claim(owner, t, new Date(t.getTime() + o.leaseMs));
          if (!claimed) return;
          await run(claimed);
        }
      } finally {
        sweeping = null;
      }
    })();
    return sweeping;
  }

  let timer: NodeJS.Timeout | undefined;
  return {
    sweep,
    /**
     * Sweeps at once (a schedule whose time passed while no server ran is published now), then every tick.
     * `alone`: this process is the store's only user, so a claim still held was left by one that died.
     */
    async start(alone: boolean): Promise<void> {
      if (alone) await deps.schedules.releaseLeases();
      const tick = () => void sweep().catch((err: unknown) => log.warn({ err }, "balayage des publications programmées impossible"));
      tick();
      timer = setInterval(tick, o.tickMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      clearInterval(timer);
      await sweeping?.catch(() => {});
    },
  };
}
export type ScheduledPublication = ReturnType<typeof scheduledPublication>;
