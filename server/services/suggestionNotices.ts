// Tells a proposer by e-mail what became of their proposed wording (the "suggestionOutcomes" switch), unless they decided it themselves.
import type { ReviewComment } from "../domain/reviews.ts";
import type { Episode } from "../domain/types.ts";
import type { Logger } from "../log.ts";
import { draftUrl, SENT_LANG } from "../mail/layout.ts";
import type { Mailer } from "../mail/mailer.ts";
import { suggestionOutcomeMessage } from "../mail/suggestionMessages.ts";
import type { NotificationPrefsRepository } from "../repositories/comments.ts";
import type { ProgrammesRepository } from "../repositories/programmes.ts";
import type { UsersRepository } from "../repositories/users.ts";

export type SuggestionNoticeDeps = {
  users: UsersRepository;
  programmes: ProgrammesRepository;
  prefs: NotificationPrefsRepository;
  mailer: Mailer;
  publicUrl: string;
  instanceName: string;
  log: Logger;
};

export function suggestionNoticeService(deps: SuggestionNoticeDeps) {
  const inFlight = new Set<Promise<void>>();

  async function notify(thread: ReviewComment, episode: Episode): Promise<void> {
    const suggestion = thread.suggestion;
    if (!suggestion || suggestion.status === "open" || suggestion.decidedBy === thread.authorId) return;
    const [proposer, programme] = await Promise.all([deps.users.byId(thread.authorId), deps.programmes.byId(episode.programmeId)]);
    if (!proposer?.active || !programme || !(await deps.prefs.get(proposer._id)).suggestionOutcomes) return;
    const outcome = {
      accepted: suggestion.status === "accepted",
      decider: suggestion.decidedByName ?? "",
      replacement: suggestion.replacement,
      reason: suggestion.reason,
      episode: episode.title,
      programme: programme.title,
      url: draftUrl(deps.publicUrl, episode._id),
    };
    await deps.mailer.send(
      suggestionOutcomeMessage({ lang: SENT_LANG, to: proposer.email, instanceName: deps.instanceName, settingsUrl: `${deps.publicUrl}/atelier/compte`, outcome }),
    );
  }

  return {
    onDecided(thread: ReviewComment, episode: Episode): void {
      const p = notify(thread, episode).catch((err) => deps.log.error({ err, threadId: thread._id }, "suite de proposition non envoyée"));
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    },
    /** Resolves when no notice is being sent (tests). */
    async idle(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
export type SuggestionNoticeService = ReturnType<typeof suggestionNoticeService>;
