// Review requests as durable mail jobs: one per (episode, round, partner), queued when a round opens and composed when sent.
import type { ReviewRequestJob } from "../domain/subscriptions.ts";
import type { Episode } from "../domain/types.ts";
import { accountJob, type Recipient } from "./accountJobs.ts";
import { draftUrl, SENT_LANG } from "./layout.ts";
import type { MailMessage } from "./mailer.ts";
import { reviewRequestMessage } from "./reviewRequestMessages.ts";

/** Stable per round and partner: queueing the round again adds nothing, and a resent copy keeps its Message-ID. */
export const reviewRequestJobId = (episodeId: string, round: number, userId: string) => `${episodeId}:relecture-${round}-${userId}`;

export const reviewRequestJob = (episode: Episode, round: number, user: { _id: string; email: string }, at: Date) =>
  accountJob<ReviewRequestJob>(reviewRequestJobId(episode._id, round, user._id), episode, user, at, { kind: "reviewRequest" });

/** The message of a queued review request, or why it is no longer worth sending. */
export function composeReviewRequest(
  _job: ReviewRequestJob,
  { user, episode, programme, settingsUrl }: Recipient,
  deps: { publicUrl: string; instanceName: string },
): MailMessage | { cancel: string } {
  if (episode.status !== "review") return { cancel: "épisode plus en relecture" };
  return reviewRequestMessage({
    lang: SENT_LANG,
    to: user.email,
    instanceName: deps.instanceName,
    settingsUrl,
    episode: episode.title,
    programme: programme.title,
    url: draftUrl(deps.publicUrl, episode._id),
  });
}
