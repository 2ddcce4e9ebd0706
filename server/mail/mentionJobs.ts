// Mentions in review threads as durable mail jobs: one per (comment, member named), queued when posted and composed when sent.
import type { MentionJob } from "../domain/subscriptions.ts";
import type { Episode } from "../domain/types.ts";
import type { ReviewsRepository } from "../repositories/reviews.ts";
import { accountJob, type Recipient } from "./accountJobs.ts";
import { draftUrl, SENT_LANG } from "./layout.ts";
import type { MailMessage } from "./mailer.ts";
import { mentionMessage } from "./reviewMessages.ts";

/** Stable per comment and member: a resent copy keeps its Message-ID. */
export const mentionJobId = (episodeId: string, commentId: string, userId: string) => `${episodeId}:mention-${commentId}-${userId}`;

export const mentionJob = (episode: Episode, commentId: string, user: { _id: string; email: string }, at: Date) =>
  accountJob<MentionJob>(mentionJobId(episode._id, commentId, user._id), episode, user, at, { kind: "mention", commentId });

/** The message of a queued mention, from the comment as it is now, or why it is no longer sent. */
export async function composeMention(
  job: MentionJob,
  { user, episode, programme, settingsUrl }: Recipient,
  deps: { reviews: ReviewsRepository; publicUrl: string; instanceName: string },
): Promise<MailMessage | { cancel: string }> {
  const comment = await deps.reviews.byId(job.commentId);
  if (!comment) return { cancel: "commentaire supprimé" };
  const mention = {
    authorName: comment.authorName,
    authorTerritory: comment.authorTerritory,
    body: comment.body,
    episode: episode.title,
    programme: programme.title,
    url: draftUrl(deps.publicUrl, episode._id),
  };
  return mentionMessage({ lang: SENT_LANG, to: user.email, instanceName: deps.instanceName, settingsUrl, mention });
}
