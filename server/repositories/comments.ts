// Comments, the per-user notification switches, and the pending digest of comments to mail to the team.
import type { Comment, CommentStatus } from "../domain/comments.ts";
import { DuplicateKeyError } from "../errors.ts";
import type { Store } from "../store/types.ts";

export type NotificationPrefs = {
  /** The user's id. */
  _id: string;
  /** Team: a digest of new comments in my programmes. */
  newComments: boolean;
  /** Anyone: a reply to one of my comments. */
  replies: boolean;
  /** Partners: an episode of my programmes submitted for review. */
  reviewRequests: boolean;
  /** Anyone who proposed wording: what became of my proposals (accepted, rejected and why). */
  suggestionOutcomes: boolean;
};

export const DEFAULT_PREFS = { newComments: true, replies: true, reviewRequests: true, suggestionOutcomes: true } as const;

/** One comment waiting to go out in a team member's next digest. */
export type DigestItem = { _id: string; userId: string; commentId: string; at: Date };
/** When a user's last digest left, so the next one waits its turn. */
export type DigestState = { _id: string; lastSentAt: Date };

export function commentsRepository(store: Store) {
  const comments = store.collection<Comment>("comments");
  return {
    insert: (c: Comment) => comments.insertOne(c),
    byId: (id: string) => comments.findOne({ _id: id }),
    /** Oldest first; ties (same millisecond) keep a stable order by id. */
    forEpisode: (episodeId: string) => comments.find({ episodeId }, { sort: { createdAt: 1, _id: 1 } }),
    byWordpressId: (episodeId: string, wordpressId: string) => comments.findOne({ episodeId, wordpressId }),
    byIds: (ids: string[]) => comments.find({ _id: { $in: ids } }),
    byAuthorSince: (authorId: string, since: Date) => comments.find({ authorId, createdAt: { $gte: since } }),
    /** Newest first, across programmes, for the moderation view. */
    recentInProgrammes: (programmeIds: string[] | "all", options: { status?: CommentStatus; limit: number }) =>
      comments.find(
        {
          ...(programmeIds === "all" ? {} : { programmeId: { $in: programmeIds } }),
          ...(options.status ? { status: options.status } : { status: { $ne: "deleted" } }),
        },
        { sort: { createdAt: -1, _id: -1 }, limit: options.limit },
      ),
    update: (id: string, fields: Partial<Pick<Comment, "body" | "status" | "editedAt">>) =>
      comments.updateOne({ _id: id }, { $set: fields }),
    /** Visible comments per episode (replies included), for episode lists; episodes without any are absent. */
    /** Public comments only: review comments never count on public pages. */
    async countVisibleByEpisode(episodeIds: string[]): Promise<Map<string, number>> {
      const counts = new Map<string, number>();
      if (episodeIds.length === 0) return counts;
      const found = await comments.find({ episodeId: { $in: episodeIds }, status: "visible", audience: "public" });
      for (const c of found) counts.set(c.episodeId, (counts.get(c.episodeId) ?? 0) + 1);
      return counts;
    },
  };
}
export type CommentsRepository = ReturnType<typeof commentsRepository>;

export function notificationPrefsRepository(store: Store) {
  const prefs = store.collection<NotificationPrefs>("notification_prefs");
  return {
    async get(userId: string): Promise<NotificationPrefs> {
      // Switches added later are on for those who saved theirs before.
      return { _id: userId, ...DEFAULT_PREFS, ...(await prefs.findOne({ _id: userId })) };
    },
    async set(userId: string, fields: Partial<Omit<NotificationPrefs, "_id">>): Promise<NotificationPrefs> {
      const current = { _id: userId, ...DEFAULT_PREFS, ...(await prefs.findOne({ _id: userId })) };
      const next = {
        newComments: fields.newComments ?? current.newComments,
        replies: fields.replies ?? current.replies,
        reviewRequests: fields.reviewRequests ?? current.reviewRequests,
        suggestionOutcomes: fields.suggestionOutcomes ?? current.suggestionOutcomes,
      };
      return (await prefs.findOneAndUpdate({ _id: userId }, { $set: next }, { upsert: true }))!;
    },
  };
}
export type NotificationPrefsRepository = ReturnType<typeof notificationPrefsRepository>;

export function commentDigestRepository(store: Store) {
  const items = store.collection<DigestItem>("comment_digest_items");
  const states = store.collection<DigestState>("comment_digest_state");
  return {
    add: (item: DigestItem) => items.insertOne(item),
    pendingFor: (userId: string) => items.find({ userId }, { sort: { at: 1 } }),
    /** Users with something waiting. */
    async pendingUsers(): Promise<string[]> {
      return [...new Set((await items.find({})).map((i) => i.userId))];
    },
    remove: (ids: string[]) => items.deleteMany({ _id: { $in: ids } }),
    lastSentAt: async (userId: string) => (await states.findOne({ _id: userId }))?.lastSentAt ?? null,
    /**
     * Takes the user's digest turn at `at` if the last one is still `last` (compare-and-set): false when another
     * sender (this instance's immediate flush, another instance's sweep) took it first.
     */
    async takeTurn(userId: string, last: Date | null, at: Date): Promise<boolean> {
      if (last) return (await states.updateOne({ _id: userId, lastSentAt: last }, { $set: { lastSentAt: at } })) === 1;
      try {
        await states.insertOne({ _id: userId, lastSentAt: at });
        return true;
      } catch (error) {
        if (error instanceof DuplicateKeyError) return false;
        throw error;
      }
    },
  };
}
export type CommentDigestRepository = ReturnType<typeof commentDigestRepository>;
