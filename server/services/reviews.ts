// Review threads on an episode's text: list, open one on a passage, reply, resolve or reopen, delete.
import * as Y from "yjs";
import { type Anchor, type Resolved, resolveAnchor } from "../../collab/review/anchors.ts";
import { episodeRoom } from "../../collab/schema/rooms.ts";
import { checkBody } from "../domain/comments.ts";
import { type Actor, type ReviewAbilities, can, reviewAbilities } from "../domain/policy.ts";
import { quoteOf, type ReviewComment } from "../domain/reviews.ts";
import { checkReason, checkReplacement, type Suggestion, takesSuggestions } from "../domain/suggestions.ts";
import type { Episode } from "../domain/types.ts";
import { conflict, forbidden, notFound, unprocessable } from "../errors.ts";
import type { Events } from "../events.ts";
import type { DocsRepository } from "../repositories/docs.ts";
import type { EpisodesRepository } from "../repositories/episodes.ts";
import type { ReviewsRepository } from "../repositories/reviews.ts";
import type { TerritoriesRepository } from "../repositories/territories.ts";
import type { UsersRepository } from "../repositories/users.ts";
import { newId } from "../store/ids.ts";
import { commentAuthor } from "./commentAuthor.ts";
import { authorize, requireUserId } from "./guard.ts";
import { visibleEpisode } from "./episodes.ts";

export type ReviewDeps = {
  reviews: ReviewsRepository;
  episodes: EpisodesRepository;
  docs: Pick<DocsRepository, "load">;
  users: UsersRepository;
  territories: TerritoriesRepository;
  events: Events;
  /** Badge of the lab's own staff. */
  labLabel: string;
  /** Told of each new comment, with the text to look for mentions in. */
  onPosted?: (comment: ReviewComment, episode: Episode) => void;
  /** Told of each suggestion accepted or rejected (the proposer's e-mail). */
  onDecided?: (thread: ReviewComment, episode: Episode) => void;
};

/** What a thread's opener may add: proposed wording for the passage. */
export type SuggestionInput = { replacement: string };

/** A reply carries its own abilities: only its author or the team delete it. */
export type ReviewReply = { comment: ReviewComment; abilities: ReviewAbilities };
export type ReviewThread = { thread: ReviewComment; replies: ReviewReply[]; abilities: ReviewAbilities };
export type ReviewList = { episode: Episode; threads: ReviewThread[]; abilities: ReviewAbilities };

/** The name of the shared body in the episode's document (collab/schema/nodes.ts ROOT_NAME, without loading the editor). */
const BODY = "root";

export function reviewService(deps: ReviewDeps) {
  const options = { now: () => new Date() };

  /** The episode, when the actor may see it and take part in its review; 404 or 403 otherwise. */
  async function reviewable(actor: Actor, episodeId: string): Promise<Episode> {
    const episode = await visibleEpisode(deps.episodes, actor, episodeId);
    authorize(actor, "review.comment", { programmeId: episode.programmeId, episodeStatus: episode.status });
    return episode;
  }

  async function threadOf(actor: Actor, commentId: string): Promise<{ comment: ReviewComment; episode: Episode }> {
    const comment = await deps.reviews.byId(commentId);
    if (!comment) throw notFound("Fil de relecture");
    const episode = await visibleEpisode(deps.episodes, actor, comment.episodeId, "Fil de relecture");
    // Review threads are private to the review: to others they do not exist.
    if (!can(actor, "review.comment", { programmeId: episode.programmeId, episodeStatus: episode.status })) throw notFound("Fil de relecture");
    return { comment, episode };
  }

  /** Where the anchor is in the stored document now. */
  async function resolveStored(episode: Episode, anchor: Pick<Anchor, "start" | "end">): Promise<Resolved> {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await deps.docs.load(episodeRoom(episode._id))).update);
    const resolved = resolveAnchor(doc.get(BODY, Y.XmlText), anchor);
    doc.destroy();
    return resolved;
  }

  /** The passage as the stored document has it now; refuses an anchor that does not land inside it. */
  async function passage(episode: Episode, anchor: Anchor): Promise<string> {
    const resolved = await resolveStored(episode, anchor);
    if (resolved.state !== "attached" || resolved.text.trim() === "")
      throw unprocessable("anchor_outside_document", "Le passage commenté n'est pas dans le texte de l'épisode.");
    return resolved.text;
  }

  /** The suggestion of a new thread, when this actor may propose wording on this episode now. */
  function proposal(actor: Actor, episode: Episode, replacement: string): Omit<Suggestion, "proposerTerritoryId"> {
    if (!takesSuggestions(episode.status))
      throw conflict("episode_not_reviewable", "Cet épisode est publié : on n'y propose plus de formulation.");
    authorize(actor, "review.suggest", { programmeId: episode.programmeId, episodeStatus: episode.status });
    const checked = checkReplacement(replacement);
    if (!checked.ok) throw unprocessable(checked.code, checked.message);
    return { replacement: checked.text, status: "open", decidedBy: null, decidedByName: null, decidedAt: null, reason: null };
  }

  const decidedAlready = () => conflict("suggestion_decided", "Cette proposition a déjà été acceptée ou refusée.");

  const changed = (episode: Episode) => deps.events.emit("review.changed", { episodeId: episode._id, programmeId: episode.programmeId });

  return {
    options,

    async list(actor: Actor, episodeId: string): Promise<ReviewList> {
      const episode = await reviewable(actor, episodeId);
      const all = await deps.reviews.forEpisode(episode._id);
      const abilitiesOf = (c: ReviewComment) =>
        reviewAbilities(actor, episode, { authorId: c.authorId, resolved: c.resolvedAt !== null, suggestion: c.suggestion?.status ?? null });
      const threads = all
        .filter((c) => c.threadId === null)
        .map((thread) => ({
          thread,
          replies: all.filter((c) => c.threadId === thread._id).map((comment) => ({ comment, abilities: abilitiesOf(comment) })),
          abilities: abilitiesOf(thread),
        }));
      return { episode, threads, abilities: reviewAbilities(actor, episode) };
    },

    /** Opens a thread on a passage (`anchor`), perhaps proposing wording for it, or replies to one (`threadId`), never both. */
    async create(
      actor: Actor,
      episodeId: string,
      input: { body: string; anchor?: Anchor | undefined; threadId?: string | undefined; suggestion?: SuggestionInput | undefined },
    ) {
      const episode = await reviewable(actor, episodeId);
      const userId = requireUserId(actor);
      const suggestion = input.suggestion ? proposal(actor, episode, input.suggestion.replacement) : null;
      // A suggestion may come without explanation; a plain comment says something.
      const checked = suggestion && input.body.trim() === "" ? { ok: true as const, body: "" } : checkBody(input.body);
      if (!checked.ok) throw unprocessable(checked.code, checked.message);
      let anchor: Anchor | null = null;
      if (input.threadId) {
        const thread = await deps.reviews.byId(input.threadId);
        if (!thread || thread.episodeId !== episode._id || thread.threadId !== null)
          throw unprocessable("thread_not_found", "Ce fil de relecture n'existe pas sur cet épisode.");
      } else if (input.anchor) anchor = { ...input.anchor, quote: quoteOf(await passage(episode, input.anchor)) };
      else throw unprocessable("anchor_missing", "Indiquez le passage commenté ou le fil auquel vous répondez.");
      const author = await commentAuthor(deps, userId);
      const comment = await deps.reviews.insert({
        _id: newId(),
        episodeId: episode._id,
        programmeId: episode.programmeId,
        threadId: input.threadId ?? null,
        ...author,
        body: checked.body,
        anchor,
        resolvedAt: null,
        resolvedBy: null,
        createdAt: options.now(),
        suggestion: suggestion && { ...suggestion, proposerTerritoryId: actor.kind === "user" ? (actor.territoryId ?? null) : null },
      });
      changed(episode);
      deps.onPosted?.(comment, episode);
      return comment;
    },

    async setResolved(actor: Actor, threadId: string, resolved: boolean): Promise<ReviewComment> {
      const { comment, episode } = await threadOf(actor, threadId);
      requireUserId(actor);
      if (comment.threadId !== null) throw unprocessable("not_a_thread", "Seul un fil se résout, pas une réponse.");
      if (!resolved && comment.suggestion && comment.suggestion.status !== "open") throw decidedAlready();
      const resolvedAt = resolved ? (comment.resolvedAt ?? options.now()) : null;
      const resolvedBy = resolved ? (comment.resolvedBy ?? (actor.kind === "user" ? actor.userId : null)) : null;
      await deps.reviews.setResolved(comment._id, resolvedAt, resolvedBy);
      changed(episode);
      return { ...comment, resolvedAt, resolvedBy };
    },

    /**
     * Accepts or rejects an open suggestion, once: the store's conditional update lets exactly one decision win.
     * The text is not touched here: the accepting editor's client applies the replacement as its own edit.
     */
    async decide(actor: Actor, threadId: string, outcome: "accepted" | "rejected", reason?: string): Promise<ReviewComment> {
      const { comment, episode } = await threadOf(actor, threadId);
      const userId = requireUserId(actor);
      if (!can(actor, "episode.edit", { programmeId: episode.programmeId }))
        throw forbidden("Seule l'équipe qui écrit l'épisode accepte ou refuse une proposition.");
      if (!comment.suggestion) throw conflict("not_a_suggestion", "Ce fil n'est pas une proposition de formulation.");
      if (comment.suggestion.status !== "open") throw decidedAlready();
      const why = checkReason(outcome === "rejected" ? reason : undefined);
      if (!why.ok) throw unprocessable(why.code, why.message);
      // A passage all deleted since leaves nothing to replace: the proposal can only be rejected (or copied).
      if (outcome === "accepted" && comment.anchor && (await resolveStored(episode, comment.anchor)).state !== "attached")
        throw conflict("suggestion_detached", "Le passage de cette proposition a été supprimé du texte : elle ne peut qu'être refusée.");
      const decider = await commentAuthor(deps, userId);
      const at = options.now();
      const suggestion: Suggestion = {
        ...comment.suggestion,
        status: outcome,
        decidedBy: userId,
        decidedByName: decider.authorName,
        decidedAt: at,
        reason: why.text || null,
      };
      if (!(await deps.reviews.decide(comment._id, suggestion, userId))) throw decidedAlready();
      if (outcome === "accepted" && suggestion.proposerTerritoryId) await deps.episodes.creditTerritory(episode._id, suggestion.proposerTerritoryId);
      const decided = { ...comment, suggestion, resolvedAt: at, resolvedBy: userId };
      changed(episode);
      deps.onDecided?.(decided, episode);
      return decided;
    },

    async remove(actor: Actor, commentId: string): Promise<void> {
      const { comment, episode } = await threadOf(actor, commentId);
      if (!reviewAbilities(actor, episode, { authorId: comment.authorId, resolved: false }).delete)
        throw forbidden("Seuls son auteur et l'équipe suppriment un commentaire de relecture.");
      await deps.reviews.remove(comment);
      changed(episode);
    },
  };
}
export type ReviewService = ReturnType<typeof reviewService>;
