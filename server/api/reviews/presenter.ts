// The only shapes of review threads that leave the API.
import type { ReviewComment } from "../../domain/reviews.ts";
import type { Suggestion } from "../../domain/suggestions.ts";
import type { ReviewList, ReviewThread } from "../../services/reviews.ts";

export function presentReviewComment(c: ReviewComment) {
  return {
    id: c._id,
    threadId: c.threadId,
    author: { id: c.authorId, name: c.authorName, territory: c.authorTerritory },
    /** Plain text: render it as text. */
    body: c.body,
    createdAt: c.createdAt.toISOString(),
  };
}

/** Proposed wording and what became of it; the proposer's territory id stays inside. */
export const presentSuggestion = (s: Suggestion | null | undefined) =>
  s
    ? {
        replacement: s.replacement,
        status: s.status,
        decidedBy: s.decidedBy ? { id: s.decidedBy, name: s.decidedByName ?? "" } : null,
        decidedAt: s.decidedAt?.toISOString() ?? null,
        reason: s.reason,
      }
    : null;
export type SuggestionView = ReturnType<typeof presentSuggestion>;

/** A thread's first comment as it leaves on creation and on a decision. */
export const presentOpenedThread = (c: ReviewComment) => ({ ...presentReviewComment(c), suggestion: presentSuggestion(c.suggestion) });

function presentThread(t: ReviewThread) {
  return {
    ...presentOpenedThread(t.thread),
    anchor: t.thread.anchor,
    resolved: t.thread.resolvedAt !== null,
    resolvedAt: t.thread.resolvedAt?.toISOString() ?? null,
    replies: t.replies.map((r) => ({ ...presentReviewComment(r.comment), abilities: { delete: r.abilities.delete } })),
    abilities: t.abilities,
  };
}
export type ReviewThreadView = ReturnType<typeof presentThread>;

export const presentReviewList = (l: ReviewList) => ({
  episodeId: l.episode._id,
  abilities: l.abilities,
  threads: l.threads.map(presentThread),
});
export type ReviewListView = ReturnType<typeof presentReviewList>;
