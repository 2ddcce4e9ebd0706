// Mentions in review threads: each member named after an "@" who may read the draft is told by e-mail (the "replies" switch), through the durable mail queue.
import { pendingWork } from "./pendingWork.ts";
import { mentionedIn, type ReviewComment } from "../domain/reviews.ts";
import type { Episode, User } from "../domain/types.ts";
import type { Logger } from "../log.ts";
import { type RecipientDeps, refusal } from "../mail/accountJobs.ts";
import { mentionJob } from "../mail/mentionJobs.ts";
import type { MailQueueRepository } from "../repositories/mailQueue.ts";
import type { MembershipsRepository } from "../repositories/memberships.ts";
import type { UsersRepository } from "../repositories/users.ts";

export type ReviewMentionDeps = RecipientDeps & {
  memberships: MembershipsRepository;
  users: UsersRepository;
  /** The durable mail queue: an SMTP failure when the comment is posted is retried, and a copy keeps its Message-ID. */
  mailQueue: MailQueueRepository;
  log: Logger;
};

export function reviewMentionService(deps: ReviewMentionDeps) {
  const pending = pendingWork();

  async function notify(comment: ReviewComment, episode: Episode): Promise<void> {
    if (!comment.body.includes("@")) return;
    const members = (await Promise.all((await deps.memberships.forProgramme(comment.programmeId)).map((m) => deps.users.byId(m.userId)))).filter(
      (u): u is User => u?.active === true && u._id !== comment.authorId,
    );
    for (const user of mentionedIn(comment.body, members)) {
      // Only those who may read the draft now and keep the switch on; the queue asks again when it sends.
      if (await refusal(deps, user, episode, "replies")) continue;
      await deps.mailQueue.enqueue(mentionJob(episode, comment._id, user, new Date()));
    }
  }

  return {
    onPosted(comment: ReviewComment, episode: Episode): void {
      const p = notify(comment, episode).catch((err) => deps.log.error({ err, commentId: comment._id }, "mention non mise en file"));
      pending.track(p);
    },
    /** Resolves when no mention is being queued (tests). */
    async idle(): Promise<void> {
      await pending.idle();
    },
  };
}
