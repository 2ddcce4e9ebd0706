// What a search result looks like in the API: where it leads, and its title and passage as escaped HTML with <mark>.
import type { Found } from "../../search/documents.ts";
import { highlight } from "../../search/highlight.ts";
import type { SearchPage } from "../../search/service.ts";

export type SearchResultView = {
  kind: Found["kind"];
  programme: { id: string; slug: string; title: string };
  episodeId: string;
  commentId: string | null;
  status: string | null;
  number: number | null;
  title: string;
  /** Escaped HTML: the title and the matching passage, the query's words in <mark>. */
  highlight: { title: string; passage: string };
};

export type SearchView = { query: string; total: number; page: number; pages: number; results: SearchResultView[] };

export function presentSearch(query: string, found: SearchPage): SearchView {
  return {
    query,
    total: found.total,
    page: found.page,
    pages: found.pages,
    results: found.hits.map(({ doc }) => {
      const d = doc.data;
      const title = d.kind === "episode" ? d.title : d.episodeTitle;
      const marked = highlight(query, { title, passages: [doc.fields.summary, doc.fields.body] });
      return {
        kind: d.kind,
        programme: { id: d.programmeId, slug: d.programmeSlug, title: d.programmeTitle },
        episodeId: d.episodeId,
        commentId: d.kind === "comment" ? d.commentId : null,
        status: d.kind === "episode" ? d.status : null,
        number: d.kind === "episode" ? d.number : null,
        title,
        highlight: { title: marked.title.value, passage: marked.passage.value },
      };
    }),
  };
}
