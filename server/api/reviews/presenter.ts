// The only shapes of review threads that leave the API.
import type { ReviewComment } from "../../domain/reviews.ts";
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

function presentThread(t: ReviewThread) {
  return {
    ...presentReviewComment(t.thread),
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
