// Comments on episodes: who sees which, posting with flood control, editing, moderation, closing a thread.
import {
  type Comment,
  type CommentStatus,
  canEditBody,
  checkBody,
  DEFAULT_FLOOD_LIMITS,
  audienceFor,
  type FloodLimits,
  floodVerdict,
} from "../domain/comments.ts";
import { type Actor, type CommentAbilities, commentAbilities, canSeeComment, mayComment, moderationScope, seesAudience, shownInFull } from "../domain/policy.ts";
import type { Episode, Programme } from "../domain/types.ts";
import { AppError, conflict, forbidden, notFound, tooMany, unprocessable } from "../errors.ts";
import type { Events } from "../events.ts";
import { commentAuthor } from "./commentAuthor.ts";
import { authorize, requireUserId } from "./guard.ts";
import type { CommentsRepository } from "../repositories/comments.ts";
import type { EpisodesRepository } from "../repositories/episodes.ts";
import type { ProgrammesRepository } from "../repositories/programmes.ts";
import type { TerritoriesRepository } from "../repositories/territories.ts";
import type { UsersRepository } from "../repositories/users.ts";
import { newId } from "../store/ids.ts";
import { visibleEpisode } from "./episodes.ts";

export type CommentDeps = {
  comments: CommentsRepository;
  episodes: EpisodesRepository;
  programmes: ProgrammesRepository;
  users: UsersRepository;
  territories: TerritoriesRepository;
  events: Events;
  /** Badge of the lab's own staff. */
  labLabel: string;
};

/** How one comment shows to one actor: in full, or as a placeholder that keeps its replies in context. */
export type ThreadEntry = {
  comment: Comment;
  shown: "full" | "placeholder";
  abilities: CommentAbilities;
  replies: ThreadEntry[];
};

export type Thread = {
  episode: Episode;
  entries: ThreadEntry[];
  /** Visible comments, replies included. */
  count: number;
  canComment: boolean;
  closed: boolean;
};

const DUPLICATE_MESSAGE = "Vous venez de publier ce même commentaire.";

export function commentService(deps: CommentDeps) {
  /** Tuning that tests change: flood limits, and the clock (edit window, flood). */
  const options: { limits: FloodLimits; now: () => Date } = { limits: { ...DEFAULT_FLOOD_LIMITS }, now: () => new Date() };

  const readableEpisode = (actor: Actor, episodeId: string) => visibleEpisode(deps.episodes, actor, episodeId);

  /** The comment and its episode, when the actor may see that comment; 404 otherwise. */
  async function readableComment(actor: Actor, commentId: string): Promise<{ comment: Comment; episode: Episode }> {
    const comment = await deps.comments.byId(commentId);
    if (!comment || comment.status === "deleted") throw notFound("Commentaire");
    const episode = await visibleEpisode(deps.episodes, actor, comment.episodeId, "Commentaire");
    if (!canSeeComment(actor, comment)) throw notFound("Commentaire");
    return { comment, episode };
  }

  function entryFor(actor: Actor, episode: Episode, comment: Comment, replies: ThreadEntry[]): ThreadEntry | null {
    const full = shownInFull(actor, comment);
    // A removed comment with visible replies leaves a placeholder, so the replies still read as replies.
    if (!full && replies.length === 0) return null;
    return {
      comment,
      shown: full ? "full" : "placeholder",
      abilities: commentAbilities(actor, episode, comment, options.now()),
      replies,
    };
  }

  /** The public page shows public comments only, whoever looks; the API shows what the actor may see. */
  async function thread(actor: Actor, episode: Episode, scope: "public" | "actor" = "actor"): Promise<Thread> {
    const all = (await deps.comments.forEpisode(episode._id)).filter((c) =>
      scope === "public" ? c.audience !== "members" : seesAudience(actor, c),
    );
    const repliesOf = new Map<string, Comment[]>();
    for (const c of all) if (c.parentId) repliesOf.set(c.parentId, [...(repliesOf.get(c.parentId) ?? []), c]);
    const entries: ThreadEntry[] = [];
    for (const top of all.filter((c) => c.parentId === null)) {
      const replies = (repliesOf.get(top._id) ?? [])
        .map((r) => entryFor(actor, episode, r, []))
        .filter((e): e is ThreadEntry => e !== null && e.shown === "full");
      const entry = entryFor(actor, episode, top, replies);
      if (entry) entries.push(entry);
    }
    return {
      episode,
      entries,
      count: all.filter((c) => c.status === "visible").length,
      canComment: mayComment(actor, episode),
      closed: episode.commentsClosed,
    };
  }

  return {
    options,

    /** The comments of an episode as this actor may see them (404 when the episode is not visible to them). */
    async list(actor: Actor, episodeId: string): Promise<Thread> {
      return await thread(actor, await readableEpisode(actor, episodeId));
    },

    /** The public thread of an episode already loaded and checked by the caller (the public episode page). */
    publicThreadFor: (actor: Actor, episode: Episode) => thread(actor, episode, "public"),

    async create(actor: Actor, episodeId: string, input: { body: string; parentId?: string | null | undefined }): Promise<Comment> {
      const episode = await readableEpisode(actor, episodeId);
      authorize(actor, "episode.comment", { programmeId: episode.programmeId, episodeStatus: episode.status });
      const userId = requireUserId(actor);
      if (episode.commentsClosed) throw new AppError(403, "comments_closed", "Les commentaires sont fermés sur cet épisode.");
      const checked = checkBody(input.body);
      if (!checked.ok) throw unprocessable(checked.code, checked.message);
      let parent: Comment | null = null;
      if (input.parentId) {
        parent = await deps.comments.byId(input.parentId);
        if (!parent || parent.episodeId !== episode._id || parent.status !== "visible" || !seesAudience(actor, parent))
          throw unprocessable("parent_not_found", "Le commentaire auquel vous répondez n'existe plus.");
        if (parent.parentId !== null)
          throw unprocessable("reply_too_deep", "On ne peut répondre qu'à un commentaire, pas à une réponse.");
      }
      const now = options.now();
      const recent = await deps.comments.byAuthorSince(userId, new Date(now.getTime() - 3_600_000));
      const verdict = floodVerdict(recent, checked.body, now, options.limits);
      if (!verdict.ok && verdict.kind === "duplicate") throw conflict("comment_duplicate", DUPLICATE_MESSAGE);
      if (!verdict.ok && verdict.kind === "rate")
        throw tooMany(verdict.retryAfterMs / 1000, "Vous commentez trop vite : attendez un peu avant de recommencer.");
      const author = await commentAuthor(deps, userId);
      const comment = await deps.comments.insert({
        _id: newId(),
        episodeId: episode._id,
        programmeId: episode.programmeId,
        parentId: parent?._id ?? null,
        ...author,
        body: checked.body,
        status: "visible",
        audience: audienceFor(episode.status, parent),
        createdAt: now,
        editedAt: null,
      });
      deps.events.emit("comment.created", { commentId: comment._id, episodeId: episode._id, programmeId: episode.programmeId });
      return comment;
    },

    /** The author edits the text within the window; the team changes the status (visible ↔ hidden). */
    async update(actor: Actor, commentId: string, input: { body?: string | undefined; status?: "visible" | "hidden" | undefined }) {
      const { comment } = await readableComment(actor, commentId);
      const userId = requireUserId(actor);
      const fields: { body?: string; editedAt?: Date; status?: CommentStatus } = {};
      if (input.status !== undefined) {
        authorize(actor, "comment.moderate", { programmeId: comment.programmeId });
        fields.status = input.status;
      }
      if (input.body !== undefined) {
        if (comment.authorId !== userId) throw forbidden("Seul son auteur peut modifier un commentaire.");
        if (!canEditBody(comment, userId, options.now()))
          throw new AppError(403, "edit_window_closed", "Un commentaire ne se modifie que dans les 15 minutes après sa publication.");
        const checked = checkBody(input.body);
        if (!checked.ok) throw unprocessable(checked.code, checked.message);
        if (checked.body !== comment.body) {
          fields.body = checked.body;
          fields.editedAt = options.now();
        }
      }
      if (Object.keys(fields).length > 0) {
        await deps.comments.update(comment._id, fields);
        deps.events.emit("comments.changed", { episodeId: comment.episodeId, programmeId: comment.programmeId });
      }
      return { ...comment, ...fields };
    },

    /** Deleting empties the text for good (the author's wish, or moderation); hiding is the reversible way. */
    async remove(actor: Actor, commentId: string): Promise<void> {
      const { comment } = await readableComment(actor, commentId);
      const userId = requireUserId(actor);
      if (comment.authorId !== userId) authorize(actor, "comment.moderate", { programmeId: comment.programmeId });
      await deps.comments.update(comment._id, { status: "deleted", body: "" });
      deps.events.emit("comments.changed", { episodeId: comment.episodeId, programmeId: comment.programmeId });
    },

    /** A lead closes (or reopens) the comments of an episode; existing comments stay. */
    async setClosed(actor: Actor, episodeId: string, closed: boolean): Promise<Episode> {
      const episode = await readableEpisode(actor, episodeId);
      authorize(actor, "programme.update", { programmeId: episode.programmeId });
      await deps.episodes.update(episode._id, { commentsClosed: closed });
      deps.events.emit("comments.changed", { episodeId: episode._id, programmeId: episode.programmeId });
      return { ...episode, commentsClosed: closed };
    },

    /** Recent comments across the programmes the actor moderates, newest first, with their episode and programme. */
    async moderation(actor: Actor, query: { status?: "visible" | "hidden" | undefined; programmeId?: string | undefined; limit: number }) {
      requireUserId(actor);
      let scope = moderationScope(actor);
      if (query.programmeId) {
        authorize(actor, "comment.moderate", { programmeId: query.programmeId });
        scope = [query.programmeId];
      } else if (scope !== "all" && scope.length === 0) throw forbidden("Vous ne modérez aucun programme.");
      const comments = await deps.comments.recentInProgrammes(scope, { status: query.status, limit: query.limit });
      const episodes = new Map<string, Episode>();
      for (const id of new Set(comments.map((c) => c.episodeId))) {
        const e = await deps.episodes.byId(id);
        if (e) episodes.set(id, e);
      }
      const programmes = new Map<string, Programme>(
        (await deps.programmes.byIds([...new Set(comments.map((c) => c.programmeId))])).map((p) => [p._id, p]),
      );
      return comments
        .filter((c) => episodes.has(c.episodeId) && programmes.has(c.programmeId))
        .map((c) => ({ comment: c, episode: episodes.get(c.episodeId)!, programme: programmes.get(c.programmeId)! }));
    },
  };
}
export type CommentService = ReturnType<typeof commentService>;
