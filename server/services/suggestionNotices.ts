// Tells a proposer by e-mail what became of their proposed wording (the "suggestionOutcomes" switch), unless they decided it themselves, through the durable mail queue.
import { pendingWork } from "./pendingWork.ts";
import type { ReviewComment } from "../domain/reviews.ts";
import type { Episode } from "../domain/types.ts";
import type { Logger } from "../log.ts";
import { type RecipientDeps, refusal } from "../mail/accountJobs.ts";
import { suggestionOutcomeJob } from "../mail/suggestionOutcomeJobs.ts";
import type { MailQueueRepository } from "../repositories/mailQueue.ts";
import type { UsersRepository } from "../repositories/users.ts";

export type SuggestionNoticeDeps = RecipientDeps & {
  users: UsersRepository;
  /** The durable mail queue: an SMTP failure when the proposal is decided is retried, and a copy keeps its Message-ID. */
  mailQueue: MailQueueRepository;
  log: Logger;
};

export function suggestionNoticeService(deps: SuggestionNoticeDeps) {
  const pending = pendingWork();

  async function notify(thread: ReviewComment, episode: Episode): Promise<void> {
    const suggestion = thread.suggestion;
    if (!suggestion || suggestion.status === "open" || suggestion.decidedBy === thread.authorId) return;
    const proposer = await deps.users.byId(thread.authorId);
    if (!proposer || (await refusal(deps, proposer, episode, "suggestionOutcomes"))) return;
    await deps.mailQueue.enqueue(suggestionOutcomeJob(episode, thread._id, proposer, new Date()));
  }

  return {
    onDecided(thread: ReviewComment, episode: Episode): void {
      const p = notify(thread, episode).catch((err) => deps.log.error({ err, threadId: thread._id }, "suite de proposition non mise en file"));
      pending.track(p);
    },
    /** Resolves when no notice is being queued (tests). */
    async idle(): Promise<void> {
      await pending.idle();
    },
  };
}
export type SuggestionNoticeService = ReturnType<typeof suggestionNoticeService>;
