// Review requests as durable mail jobs: one per (episode, round, partner), queued when a round opens and composed when sent.
import type { ReviewRequestJob } from "../domain/subscriptions.ts";
import type { Episode } from "../domain/types.ts";
import type { EpisodesRepository } from "../repositories/episodes.ts";
import type { ProgrammesRepository } from "../repositories/programmes.ts";
import type { UsersRepository } from "../repositories/users.ts";
import { draftUrl, SENT_LANG } from "./layout.ts";
import type { MailMessage } from "./mailer.ts";
import { reviewRequestMessage } from "./reviewRequestMessages.ts";

/** Where a partner reads the draft: its screen in the workspace. */

/** Stable per round and partner: queueing the round again adds nothing, and a resent copy keeps its Message-ID. */
export const reviewRequestJobId = (episodeId: string, round: number, userId: string) => `${episodeId}:relecture-${round}-${userId}`;

export function reviewRequestJob(episode: Episode, round: number, user: { _id: string; email: string }, at: Date): ReviewRequestJob {
  return {
    _id: reviewRequestJobId(episode._id, round, user._id),
    kind: "reviewRequest",
    episodeId: episode._id,
    programmeId: episode.programmeId,
    userId: user._id,
    email: user.email,
    status: "pending",
    attempts: 0,
    nextAttemptAt: at,
    leaseOwner: null,
    leaseUntil: null,
    lastError: null,
    createdAt: at,
    sentAt: null,
  };
}

export type ReviewRequestMailDeps = {
  users: UsersRepository;
  episodes: EpisodesRepository;
  programmes: ProgrammesRepository;
  publicUrl: string;
  instanceName: string;
};

/** The message of a queued review request, or why it is no longer worth sending. */
export async function composeReviewRequest(
  job: ReviewRequestJob,
  deps: ReviewRequestMailDeps,
  messageId: string,
): Promise<MailMessage | { cancel: string }> {
  const user = await deps.users.byId(job.userId);
  if (!user?.active) return { cancel: "compte désactivé" };
  const episode = await deps.episodes.byId(job.episodeId);
  if (episode?.status !== "review") return { cancel: "épisode plus en relecture" };
  const programme = await deps.programmes.byId(episode.programmeId);
  if (!programme) return { cancel: "programme supprimé" };
  const message = reviewRequestMessage({
    lang: SENT_LANG,
    to: user.email,
    instanceName: deps.instanceName,
    settingsUrl: `${deps.publicUrl}/atelier/compte`,
    episode: episode.title,
    programme: programme.title,
    url: draftUrl(deps.publicUrl, episode._id),
  });
  return { ...message, messageId };
}
