// Review rounds: the partners' e-mail (queued durably) when an episode is submitted for review, and the territories' "Relu" marks.
import { pendingWork } from "./pendingWork.ts";
import { roleMay } from "../domain/policy.ts";
import { opensNewRound, type ReviewMark, reviewMarkId } from "../domain/reviewMarks.ts";
import type { Episode } from "../domain/types.ts";
import { conflict } from "../errors.ts";
import type { Events } from "../events.ts";
import type { Logger } from "../log.ts";
import { type RecipientDeps, refusal } from "../mail/accountJobs.ts";
import { reviewRequestJob } from "../mail/reviewRequestJobs.ts";
import type { EpisodesRepository } from "../repositories/episodes.ts";
import type { MailQueueRepository } from "../repositories/mailQueue.ts";
import type { MembershipsRepository } from "../repositories/memberships.ts";
import type { ProgrammesRepository } from "../repositories/programmes.ts";
import type { ReviewMarksRepository } from "../repositories/reviewMarks.ts";
import type { TerritoriesRepository } from "../repositories/territories.ts";
import type { UsersRepository } from "../repositories/users.ts";

export type ReviewMarkDeps = RecipientDeps & {
  reviewMarks: ReviewMarksRepository;
  episodes: EpisodesRepository;
  programmes: ProgrammesRepository;
  territories: TerritoriesRepository;
  memberships: MembershipsRepository;
  users: UsersRepository;
  /** The durable mail queue: an SMTP failure at submission is retried, and a copy keeps its Message-ID. */
  mailQueue: MailQueueRepository;
  /** Told when a mark changes: every instance passes the review notice to the episode's open sockets. */
  events: Pick<Events, "emit">;
  log: Logger;
};

export function reviewMarkService(deps: ReviewMarkDeps) {
  const options = { now: () => new Date() };
  const now = () => options.now();
  const pending = pendingWork();
  const changed = (episode: Episode) => deps.events.emit("review.changed", { episodeId: episode._id, programmeId: episode.programmeId });

  async function currentRound(episodeId: string): Promise<number> {
    return (await deps.reviewMarks.round(episodeId))?.round ?? 0;
  }

  /** Queues a message to each active partner of the programme who keeps the switch on; never subscribers, never the public. */
  async function notifyPartners(episode: Episode, round: number): Promise<number> {
    const partners = (await deps.memberships.forProgramme(episode.programmeId)).filter((m) =>
      roleMay(m.role, "episode.markRead", { episodeStatus: "review" }),
    );
    let queued = 0;
    for (const user of await deps.users.byIds(partners.map((m) => m.userId))) {
      if (await refusal(deps, user, episode, "reviewRequests")) continue;
      // Due now by the queue's clock, which is the real one (`options.now` times rounds, and tests move it).
      if (await deps.mailQueue.enqueue(reviewRequestJob(episode, round, user, new Date()))) queued++;
    }
    return queued;
  }

  async function submitted(episodeId: string): Promise<void> {
    const episode = await deps.episodes.byId(episodeId);
    if (episode?.status !== "review") return;
    const last = await deps.reviewMarks.round(episodeId);
    const at = now();
    if (!opensNewRound(last, at)) return;
    if (!(await deps.reviewMarks.startRound(episodeId, episode.programmeId, last?.round ?? 0, at))) return;
    const queued = await notifyPartners(episode, (last?.round ?? 0) + 1);
    deps.log.info({ episodeId, queued }, "relecture demandée aux partenaires");
  }

  return {
    /** The clock, which tests move past the quiet window. */
    options,
    /** A submission for review: opens a new round (marks reset, partners mailed) unless the last began within the quiet window. */
    onSubmitted(episodeId: string): Promise<void> {
      const p = submitted(episodeId).catch((err) => deps.log.error({ err, episodeId }, "demande de relecture non envoyée"));
      return pending.track(p);
    },
    /** The partner territories of the programme (and any other that marked it), each with its mark of this round. */
    async state(episode: Episode) {
      const round = await deps.reviewMarks.round(episode._id);
      const marks = await deps.reviewMarks.marksOf(episode._id, round?.round ?? 0);
      const programme = await deps.programmes.byId(episode.programmeId);
      const ids = [...new Set([...(programme?.territoryIds ?? []), ...marks.map((m) => m.territoryId)])];
      return { startedAt: round?.startedAt ?? null, territories: await deps.territories.byIds(ids), marks };
    },
    async mark(episode: Episode, territoryId: string, userId: string, comment: string): Promise<void> {
      const mark: ReviewMark = {
        _id: reviewMarkId(episode._id, territoryId),
        episodeId: episode._id,
        programmeId: episode.programmeId,
        territoryId,
        round: await currentRound(episode._id),
        userId,
        comment,
        markedAt: now(),
      };
      await deps.reviewMarks.put(mark);
      changed(episode);
    },
    async withdraw(episode: Episode, territoryId: string): Promise<void> {
      if ((await deps.reviewMarks.withdraw(episode._id, territoryId, await currentRound(episode._id))) === 0)
        throw conflict("review_not_marked", "Votre territoire n'a pas marqué cet épisode comme relu.");
      changed(episode);
    },
    /** Resolves when no review request is being queued. */
    async idle(): Promise<void> {
      await pending.idle();
    },
  };
}
export type ReviewMarkService = ReturnType<typeof reviewMarkService>;
