// Mentions in review threads: each member named after an "@" who may read the draft is told by e-mail (the "replies" switch).
import { can } from "../domain/policy.ts";
import { mentionedIn, type ReviewComment } from "../domain/reviews.ts";
import type { Episode, User } from "../domain/types.ts";
import type { Logger } from "../log.ts";
import { draftUrl, SENT_LANG } from "../mail/layout.ts";
import type { Mailer } from "../mail/mailer.ts";
import { mentionMessage } from "../mail/reviewMessages.ts";
import type { NotificationPrefsRepository } from "../repositories/comments.ts";
import type { MembershipsRepository } from "../repositories/memberships.ts";
import type { ProgrammesRepository } from "../repositories/programmes.ts";
import type { UsersRepository } from "../repositories/users.ts";
import type { SessionService } from "./sessions.ts";

export type ReviewMentionDeps = {
  memberships: MembershipsRepository;
  users: UsersRepository;
  programmes: ProgrammesRepository;
  prefs: NotificationPrefsRepository;
  sessions: Pick<SessionService, "actorFor">;
  mailer: Mailer;
  publicUrl: string;
  instanceName: string;
  log: Logger;
};

export function reviewMentionService(deps: ReviewMentionDeps) {
  const inFlight = new Set<Promise<void>>();

  async function notify(comment: ReviewComment, episode: Episode): Promise<void> {
    if (!comment.body.includes("@")) return;
    const members = (await Promise.all((await deps.memberships.forProgramme(comment.programmeId)).map((m) => deps.users.byId(m.userId)))).filter(
      (u): u is User => u?.active === true && u._id !== comment.authorId,
    );
    const programme = await deps.programmes.byId(comment.programmeId);
    if (!programme) return;
    for (const user of mentionedIn(comment.body, members)) {
      // Only those who may read the draft now, and who did not turn the switch off.
      const actor = await deps.sessions.actorFor(user);
      if (!can(actor, "review.comment", { programmeId: episode.programmeId, episodeStatus: episode.status })) continue;
      if (!(await deps.prefs.get(user._id)).replies) continue;
      const mention = {
        authorName: comment.authorName,
        authorTerritory: comment.authorTerritory,
        body: comment.body,
        episode: episode.title,
        programme: programme.title,
        url: draftUrl(deps.publicUrl, episode._id),
      };
      await deps.mailer.send(
        mentionMessage({ lang: SENT_LANG, to: user.email, instanceName: deps.instanceName, settingsUrl: `${deps.publicUrl}/atelier/`, mention }),
      );
    }
  }

  return {
    onPosted(comment: ReviewComment, episode: Episode): void {
      const p = notify(comment, episode).catch((err) => deps.log.error({ err, commentId: comment._id }, "mention non envoyée"));
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    },
    /** Resolves when no mention is being sent (tests). */
    async idle(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
