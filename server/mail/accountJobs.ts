// What the e-mails queued for accounts share (review requests, mentions, proposal outcomes): their record, and who may still receive one.
import { can } from "../domain/policy.ts";
import { type AccountJob, pendingJob } from "../domain/subscriptions.ts";
import type { Episode, Programme, User } from "../domain/types.ts";
import type { NotificationPrefs, NotificationPrefsRepository } from "../repositories/comments.ts";
import type { SessionService } from "../services/sessions.ts";

/** The switch of the recipient's notification settings that turns one kind of e-mail off. */
export type Preference = Exclude<keyof NotificationPrefs, "_id">;

/** What deciding whether an account still receives an e-mail reads. */
export type RecipientDeps = {
  prefs: NotificationPrefsRepository;
  sessions: Pick<SessionService, "actorFor">;
};

/** Why `user` is no longer to be mailed about `episode` (deactivated, may not read the draft, switch off), or null. */
export async function refusal(deps: RecipientDeps, user: User | null, episode: Episode, preference: Preference): Promise<string | null> {
  if (!user?.active) return "compte désactivé";
  const actor = await deps.sessions.actorFor(user);
  if (!can(actor, "review.comment", { programmeId: episode.programmeId, episodeStatus: episode.status })) return "brouillon hors de sa portée";
  if (!(await deps.prefs.get(user._id))[preference]) return "notification désactivée";
  return null;
}

/** A job for one account about one episode, due at `at`; `id` is stable per (event, recipient), so queueing it again adds nothing. */
export function accountJob<J extends AccountJob>(
  id: string,
  episode: Episode,
  user: { _id: string; email: string },
  at: Date,
  fields: Omit<J, "_id" | "episodeId" | "programmeId" | "userId" | "email" | keyof ReturnType<typeof pendingJob>>,
): J {
  return {
    _id: id,
    ...fields,
    episodeId: episode._id,
    programmeId: episode.programmeId,
    userId: user._id,
    email: user.email,
    ...pendingJob(at),
  } as J;
}

/** What a kind's composer is given: the recipient and the episode as they are now, and where the switches are. */
export type Recipient = { user: User; episode: Episode; programme: Programme; settingsUrl: string };
