// The only shapes of comments that leave the API: placeholders carry no author and no text.
import { type Comment, EDIT_WINDOW_MS, renderCommentHtml } from "../../domain/comments.ts";
import type { Episode, Programme } from "../../domain/types.ts";
import type { NotificationPrefs } from "../../repositories/comments.ts";
import type { Thread, ThreadEntry } from "../../services/comments.ts";

export function presentComment(c: Comment) {
  const shown = c.status !== "deleted";
  return {
    id: c._id,
    episodeId: c.episodeId,
    programmeId: c.programmeId,
    parentId: c.parentId,
    status: c.status,
    author: { id: c.authorId, name: c.authorName, territory: c.authorTerritory },
    /** Plain text: render it as text. `html` is the sanitised rendering (paragraphs and links only). */
    body: shown ? c.body : null,
    html: shown ? renderCommentHtml(c.body) : null,
    createdAt: c.createdAt.toISOString(),
    editedAt: c.editedAt?.toISOString() ?? null,
    editableUntil: new Date(c.createdAt.getTime() + EDIT_WINDOW_MS).toISOString(),
  };
}

function presentEntry(e: ThreadEntry): Record<string, unknown> {
  const base =
    e.shown === "full"
      ? presentComment(e.comment)
      : {
          id: e.comment._id,
          episodeId: e.comment.episodeId,
          programmeId: e.comment.programmeId,
          parentId: e.comment.parentId,
          status: "removed",
          author: null,
          body: null,
          html: null,
          createdAt: e.comment.createdAt.toISOString(),
          editedAt: null,
        };
  return {
    ...base,
    abilities: e.abilities,
    replies: e.replies.map(presentEntry),
  };
}

export function presentThread(t: Thread) {
  return {
    episodeId: t.episode._id,
    closed: t.closed,
    canComment: t.canComment,
    count: t.count,
    comments: t.entries.map(presentEntry),
  };
}

export function presentModerationItem(item: { comment: Comment; episode: Episode; programme: Programme }) {
  return {
    ...presentComment(item.comment),
    episode: { id: item.episode._id, title: item.episode.title, number: item.episode.number, status: item.episode.status, slug: item.episode.slug },
    programme: { id: item.programme._id, slug: item.programme.slug, title: item.programme.title },
  };
}

export type ModerationItemView = ReturnType<typeof presentModerationItem>;

export const presentPrefs = (p: NotificationPrefs) => ({
  newComments: p.newComments,
  replies: p.replies,
  reviewRequests: p.reviewRequests,
  suggestionOutcomes: p.suggestionOutcomes,
});
export type PrefsView = ReturnType<typeof presentPrefs>;
