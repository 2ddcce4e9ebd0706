// Turns stored records into search documents: a published revision, an unpublished episode, a review comment.
import type { Comment } from "../domain/comments.ts";
import { themesOf } from "../domain/themes.ts";
import type { Episode, EpisodeStatus, Programme, Revision, Territory } from "../domain/types.ts";
import { textOf } from "../pages/format.ts";
import type { SearchDoc } from "./index.ts";

type Where = { programmeId: string; programmeSlug: string; programmeTitle: string };

/** What a result links to and shows; `number` and `slug` are those of the latest revision for a published episode. */
export type Found =
  | (Where & { kind: "episode"; episodeId: string; status: EpisodeStatus; number: number | null; slug: string; title: string })
  | (Where & { kind: "comment"; commentId: string; episodeId: string; episodeTitle: string; authorName: string });

export type FoundDoc = SearchDoc<Found>;

const where = (programme: Programme): Where => ({
  programmeId: programme._id,
  programmeSlug: programme.slug,
  programmeTitle: programme.title,
});

/** A published episode as the public reads it: its latest revision, its programme, partner territories and themes. */
export function publishedDoc(programme: Programme, territories: Territory[], episode: Episode, revision: Revision): FoundDoc {
  return {
    id: `episode:${episode._id}`,
    programmeId: programme._id,
    date: episode.firstPublishedAt ?? revision.publishedAt,
    fields: {
      title: revision.title,
      summary: revision.summary,
      body: textOf(revision.html),
      context: [programme.title, ...territories.map((t) => t.name), ...themesOf(programme, episode).map((t) => t.label)].join(" · "),
    },
    data: { ...where(programme), kind: "episode", episodeId: episode._id, status: "published", number: revision.number, slug: revision.slug, title: revision.title },
  };
}

/** A draft or an episode in review: its working title, summary and body text (read from the collaborative document). */
export function draftDoc(programme: Programme, episode: Episode, body: string): FoundDoc {
  return {
    id: `episode:${episode._id}`,
    programmeId: programme._id,
    date: episode.updatedAt,
    fields: { title: episode.title, summary: episode.summary, body, context: programme.title },
    data: { ...where(programme), kind: "episode", episodeId: episode._id, status: episode.status, number: episode.number, slug: episode.slug, title: episode.title },
  };
}

export function commentDoc(programme: Programme, episode: Episode, comment: Comment): FoundDoc {
  return {
    id: `comment:${comment._id}`,
    programmeId: programme._id,
    date: comment.createdAt,
    fields: { title: "", summary: "", body: comment.body, context: "" },
    data: {
      ...where(programme),
      kind: "comment",
      commentId: comment._id,
      episodeId: episode._id,
      episodeTitle: episode.title,
      authorName: comment.authorName,
    },
  };
}
