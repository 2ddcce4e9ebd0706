// Proposal outcomes as durable mail jobs: one per decided proposal, to its proposer, queued when decided and composed when sent.
import type { SuggestionOutcomeJob } from "../domain/subscriptions.ts";
import type { Episode } from "../domain/types.ts";
import type { ReviewsRepository } from "../repositories/reviews.ts";
import { accountJob, type Recipient } from "./accountJobs.ts";
import { draftUrl, SENT_LANG } from "./layout.ts";
import type { MailMessage } from "./mailer.ts";
import { suggestionOutcomeMessage } from "./suggestionMessages.ts";

/** Stable per thread: a proposal is decided once, so its proposer is told once; a resent copy keeps its Message-ID. */
export const suggestionOutcomeJobId = (episodeId: string, threadId: string, userId: string) => `${episodeId}:proposition-${threadId}-${userId}`;

export const suggestionOutcomeJob = (episode: Episode, threadId: string, user: { _id: string; email: string }, at: Date) =>
  accountJob<SuggestionOutcomeJob>(suggestionOutcomeJobId(episode._id, threadId, user._id), episode, user, at, {
    kind: "suggestionOutcome",
    threadId,
  });

/** The message of a queued outcome, from the thread's decision, or why it is no longer sent. */
export async function composeSuggestionOutcome(
  job: SuggestionOutcomeJob,
  { user, episode, programme, settingsUrl }: Recipient,
  deps: { reviews: ReviewsRepository; publicUrl: string; instanceName: string },
): Promise<MailMessage | { cancel: string }> {
  const suggestion = (await deps.reviews.byId(job.threadId))?.suggestion;
  if (!suggestion || suggestion.status === "open") return { cancel: "proposition supprimée" };
  const outcome = {
    accepted: suggestion.status === "accepted",
    decider: suggestion.decidedByName ?? "",
    replacement: suggestion.replacement,
    reason: suggestion.reason,
    episode: episode.title,
    programme: programme.title,
    url: draftUrl(deps.publicUrl, episode._id),
  };
  return suggestionOutcomeMessage({ lang: SENT_LANG, to: user.email, instanceName: deps.instanceName, settingsUrl, outcome });
}
