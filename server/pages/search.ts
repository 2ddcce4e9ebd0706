// The public search page (/recherche, and /carnets/:programme/recherche within one journal): form, count, highlighted results, pages.
import type { Request, Response } from "express";
import { t } from "../../i18n/index.ts";
import { searchQuery } from "../api/search/schema.ts";
import { parse } from "../http/validate.ts";
import type { Programme } from "../domain/types.ts";
import type { Found } from "../search/documents.ts";
import { highlight } from "../search/highlight.ts";
import { PAGE_SIZE, type SearchPage, type SearchService } from "../search/service.ts";
import type { SearchHit } from "../search/index.ts";
import { fill, html, type SafeHtml } from "./html.ts";
import type { JournalReader } from "./journal.ts";
import { errorPage, layout } from "./layout.ts";
import { time } from "./parts.ts";
import { episodePath, programmePath } from "./urls.ts";

type Site = { instanceName: string; publicUrl: string };

export const searchPath = (programmeSlug?: string) => (programmeSlug ? `${programmePath(programmeSlug)}/recherche` : "/recherche");

const pageHref = (base: string, q: string, page: number) =>
  `${base}?${new URLSearchParams({ q, ...(page > 1 ? { page: String(page) } : {}) }).toString()}`;

function result(query: string, hit: SearchHit<Found>, showProgramme: boolean): SafeHtml {
  const d = hit.doc.data;
  if (d.kind !== "episode" || d.number === null) return html``;
  const marked = highlight(query, { title: d.title, passages: [hit.doc.fields.summary, hit.doc.fields.body] });
  return html`<li class="search-result"><article>
<h2><a href="${episodePath(d.programmeSlug, d.number, d.slug)}">${fill(t("fr", "public.episode.title"), { number: d.number, title: marked.title })}</a></h2>
<p class="meta">${time(hit.doc.date)}${showProgramme ? html` · ${d.programmeTitle}` : ""}</p>
<p class="passage">${marked.passage}</p>
</article></li>`;
}

function pagination(base: string, q: string, found: SearchPage): SafeHtml | "" {
  if (found.pages < 2) return "";
  // The first, the last and a few around the current one: thousands of results must not mean thousands of links.
  const pages = Array.from({ length: found.pages }, (_, i) => i + 1).filter(
    (n) => n === 1 || n === found.pages || Math.abs(n - found.page) <= 3,
  );
  return html`<nav class="pagination" aria-label="${t("fr", "public.search.pages")}"><ul>${pages.map(
    (n) =>
      html`<li><a href="${pageHref(base, q, n)}"${n === found.page ? html` aria-current="page"` : ""}>${t("fr", "public.search.page", { page: n })}</a></li>`,
  )}</ul></nav>`;
}

export function searchForm(action: string, q: string, label: string, id = "recherche-q"): SafeHtml {
  return html`<form class="search-form" role="search" aria-label="${label}" action="${action}" method="get">
<label for="${id}">${label}</label>
<input id="${id}" name="q" type="search" value="${q}" maxlength="200">
<button type="submit">${t("fr", "public.search.submit")}</button>
</form>`;
}

async function render(search: SearchService, site: Site, q: string, page: number, programme: Programme | null): Promise<string> {
  const base = searchPath(programme?.slug);
  const found = q ? await search.published(q, { ...(programme ? { programmeId: programme._id } : {}), page }) : null;
  const heading = programme ? t("fr", "public.search.inProgramme", { programme: programme.title }) : t("fr", "public.search.title");
  const count =
    found === null
      ? ""
      : found.total === 0
        ? t("fr", "public.search.none", { query: q })
        : t("fr", found.total === 1 ? "public.search.one" : "public.search.many", { count: found.total, query: q });
  const body = html`<header class="page-header"><h1>${heading}</h1></header>
${searchForm(base, q, t("fr", programme ? "public.search.labelProgramme" : "public.search.label"))}
<p class="search-count" role="status" aria-live="polite">${count}</p>
${
  found?.total
    ? html`<ol class="search-results" start="${(found.page - 1) * PAGE_SIZE + 1}">${found.hits.map((hit) => result(q, hit, !programme))}</ol>
${pagination(base, q, found)}`
    : ""
}`;
  const title = q ? `${t("fr", "public.search.titleFor", { query: q })} — ${site.instanceName}` : `${heading} — ${site.instanceName}`;
  return layout({ title, head: html`<meta name="robots" content="noindex">\n` }, body, site.instanceName);
}

/** Not cached with the other public pages: each query is its own page, and the index is always current. */
export function searchPage(search: SearchService, reader: JournalReader, site: Site) {
  return async (req: Request, res: Response): Promise<void> => {
    const { q, page } = parse(searchQuery, req.query, "query");
    const slug = req.params.programme === undefined ? null : String(req.params.programme);
    const programme = slug === null ? null : await reader.programme(slug);
    if (slug !== null && !programme) {
      res.status(404).type("html").send(errorPage(404, "", site.instanceName));
      return;
    }
    res.setHeader("Cache-Control", "public, max-age=60");
    res.type("html").send(await render(search, site, q, page, programme));
  };
}
