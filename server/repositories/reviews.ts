// Review threads and their replies (one record per comment), only store calls.
import type { ReviewComment } from "../domain/reviews.ts";
import type { Suggestion } from "../domain/suggestions.ts";
import type { Store } from "../store/types.ts";

export function reviewsRepository(store: Store) {
  const reviews = store.collection<ReviewComment>("review_comments");
  return {
    insert: (c: ReviewComment) => reviews.insertOne(c),
    byId: (id: string) => reviews.findOne({ _id: id }),
    /** Oldest first; ties keep a stable order by id. */
    forEpisode: (episodeId: string) => reviews.find({ episodeId }, { sort: { createdAt: 1, _id: 1 } }),
    setResolved: (id: string, resolvedAt: Date | null, resolvedBy: string | null) =>
      reviews.updateOne({ _id: id, threadId: null }, { $set: { resolvedAt, resolvedBy } }),
    /** Decides an open suggestion and resolves its thread; false when it was no longer open (another decision won). */
    decide: async (id: string, suggestion: Suggestion, resolvedBy: string) =>
      (await reviews.updateOne(
        { _id: id, threadId: null, "suggestion.status": "open" },
        { $set: { suggestion, resolvedAt: suggestion.decidedAt, resolvedBy } },
      )) === 1,
    /** A thread goes with its replies. */
    async remove(comment: Pick<ReviewComment, "_id" | "threadId">): Promise<void> {
      if (comment.threadId === null) await reviews.deleteMany({ threadId: comment._id });
      await reviews.deleteMany({ _id: comment._id });
    },
  };
}
export type ReviewsRepository = ReturnType<typeof reviewsRepository>;
