// E-mails about comments: a digest of new comments to the team (one per person per 10 minutes), replies to authors.
import { pendingWork } from "./pendingWork.ts";
import type { Comment } from "../domain/comments.ts";
import { can, canReadEpisode, roleMay } from "../domain/policy.ts";
import type { Episode, Programme, User } from "../domain/types.ts";
import type { Logger } from "../log.ts";
import { digestMessage, type MailedComment, replyMessage } from "../mail/commentMessages.ts";
import { SENT_LANG } from "../mail/layout.ts";
import type { Mailer } from "../mail/mailer.ts";
import type { CommentDigestRepository, CommentsRepository, NotificationPrefsRepository } from "../repositories/comments.ts";
import type { EpisodesRepository } from "../repositories/episodes.ts";
import type { MembershipsRepository } from "../repositories/memberships.ts";
import type { ProgrammesRepository } from "../repositories/programmes.ts";
import type { UsersRepository } from "../repositories/users.ts";
import type { SessionService } from "./sessions.ts";
import { newId } from "../store/ids.ts";

export const DIGEST_INTERVAL_MS = 10 * 60 * 1000;

export type CommentNotificationDeps = {
  comments: CommentsRepository;
  digest: CommentDigestRepository;
  prefs: NotificationPrefsRepository;
  users: UsersRepository;
  memberships: MembershipsRepository;
  episodes: EpisodesRepository;
  programmes: ProgrammesRepository;
  sessions: Pick<SessionService, "actorFor">;
  mailer: Mailer;
  publicUrl: string;
  instanceName: string;
  log: Logger;
};

/** Where a comment can be read: its anchor on the public page, or the workspace while in review. */
export function commentUrl(publicUrl: string, programme: Programme, episode: Episode, commentId: string): string {
  if (episode.status === "published" && episode.number !== null)
    return `${publicUrl}/carnets/${programme.slug}/${episode.number}-${episode.slug}#commentaire-${commentId}`;
  return `${publicUrl}/atelier/`;
}

export function commentNotificationService(deps: CommentNotificationDeps) {
  const options = { now: () => new Date(), intervalMs: DIGEST_INTERVAL_MS };
  const pending = pendingWork();
  // Flushes of one user run one after the other, so two comments at once never make two e-mails.
  const chains = new Map<string, Promise<void>>();

  const envelope = (user: User) => ({ lang: SENT_LANG, to: user.email, instanceName: deps.instanceName, settingsUrl: `${deps.publicUrl}/atelier/` });

  const mailed = (c: Comment, episode: Episode, programme: Programme): MailedComment => ({
    authorName: c.authorName,
    authorTerritory: c.authorTerritory,
    body: c.body,
    episode: episode.title,
    programme: programme.title,
    url: commentUrl(deps.publicUrl, programme, episode, c._id),
  });

  async function context(comment: Comment) {
    const episode = await deps.episodes.byId(comment.episodeId);
    const programme = episode ? await deps.programmes.byId(episode.programmeId) : null;
    return episode && programme ? { episode, programme } : null;
  }

  async function stillReads(user: User, episode: Episode): Promise<boolean> {
    if (!user.active) return false;
    return canReadEpisode(await deps.sessions.actorFor(user), episode.programmeId, episode.status);
  }

  async function sendReply(comment: Comment, parent: Comment, episode: Episode, programme: Programme): Promise<boolean> {
    const user = await deps.users.byId(parent.authorId);
    if (!user || !(await stillReads(user, episode)) || !(await deps.prefs.get(user._id)).replies) return false;
    await deps.mailer.send(replyMessage({ ...envelope(user), comment: mailed(comment, episode, programme) }));
    return true;
  }

  async function flushNow(userId: string): Promise<void> {
    const now = options.now();
    const last = await deps.digest.lastSentAt(userId);
    if (last && now.getTime() - last.getTime() < options.intervalMs) return;
    const items = await deps.digest.pendingFor(userId);
    if (items.length === 0) return;
    const user = await deps.users.byId(userId);
    const actor = user?.active ? await deps.sessions.actorFor(user) : null;
    const comments = (await deps.comments.byIds(items.map((i) => i.commentId)))
      .filter((c) => c.status === "visible" && actor && can(actor, "comment.moderate", { programmeId: c.programmeId }))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    const parts: MailedComment[] = [];
    for (const c of comments) {
      const where = await context(c);
      if (where) parts.push(mailed(c, where.episode, where.programme));
    }
    if (user && parts.length > 0) {
      // One claim per digest: with several instances, another one's sweep may have reached this point too.
      if (!(await deps.digest.takeTurn(userId, last, now))) return;
      await deps.mailer.send(digestMessage({ ...envelope(user), comments: parts }));
    }
    // Removed only after sending: a crash in between sends again rather than losing a comment.
    await deps.digest.remove(items.map((i) => i._id));
  }

  function flush(userId: string): Promise<void> {
    const previous = chains.get(userId) ?? Promise.resolve();
    const next = previous.then(() => flushNow(userId));
    const settled = next.catch((err) => deps.log.error({ err, userId }, "digest de commentaires non envoyé"));
    chains.set(userId, settled);
    void settled.then(() => {
      if (chains.get(userId) === settled) chains.delete(userId);
    });
    return pending.track(settled);
  }

  async function onCreated(commentId: string): Promise<void> {
    const comment = await deps.comments.byId(commentId);
    if (!comment) return;
    const where = await context(comment);
    if (!where) return;
    let repliedTo: string | null = null;
    if (comment.parentId) {
      const parent = await deps.comments.byId(comment.parentId);
      if (parent && parent.authorId !== comment.authorId && (await sendReply(comment, parent, where.episode, where.programme)))
        repliedTo = parent.authorId;
    }
    const team = (await deps.memberships.forProgramme(comment.programmeId)).filter(
      (m) => roleMay(m.role, "comment.moderate") && m.userId !== comment.authorId && m.userId !== repliedTo,
    );
    for (const m of team) {
      if (!(await deps.prefs.get(m.userId)).newComments) continue;
      await deps.digest.add({ _id: newId(), userId: m.userId, commentId: comment._id, at: options.now() });
      void flush(m.userId);
    }
  }

  return {
    /** Tuning that tests change: the clock and the grouping interval. */
    options,
    onCommentCreated(commentId: string): Promise<void> {
      return pending.track(onCreated(commentId).catch((err) => deps.log.error({ err, commentId }, "notification de commentaire non envoyée")));
    },
    /** Sends every digest whose turn has come (the timer calls this; so can tests). */
    async flushDue(): Promise<void> {
      await Promise.all((await deps.digest.pendingUsers()).map((userId) => flush(userId)));
    },
    /** Resolves when no notification work is under way. */
    async idle(): Promise<void> {
      await pending.idle();
    },
  };
}
export type CommentNotificationService = ReturnType<typeof commentNotificationService>;

