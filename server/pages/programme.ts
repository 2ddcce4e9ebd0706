// A programme's journal page: presentation, partners, resources, the numbered episode list, the follow box.
import { t } from "../../i18n/index.ts";
import type { Programme, Territory } from "../domain/types.ts";
import type { Built } from "./cache.ts";
import { episodeTitle, kindLabel } from "./format.ts";
import { html, type SafeHtml } from "./html.ts";
import type { JournalReader } from "./journal.ts";
import { layout } from "./layout.ts";
import { episodeItem, followBox, followJump, programmeFacts } from "./parts.ts";
import { feedLinks, jsonLd, sharingTags, shorten } from "./seo.ts";
import { searchForm, searchPath } from "./search.ts";
import { themeList } from "./themes.ts";
import { absolute, bookletPath, episodePath, programmePath } from "./urls.ts";

type Site = { instanceName: string; publicUrl: string };

export const paragraphs = (text: string): SafeHtml[] =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => html`<p>${p}</p>`);

function sideSection(id: string, title: string, content: SafeHtml): SafeHtml {
  return html`<section class="side" aria-labelledby="${id}"><h2 id="${id}">${title}</h2>${content}</section>`;
}

function partners(territories: Territory[]): SafeHtml {
  return html`<ul class="plain">${territories.map(
    (tr) => html`<li>${tr.name} <span class="kind">(${kindLabel(tr.kind)})</span></li>`,
  )}</ul>`;
}

export async function renderProgramme(reader: JournalReader, site: Site, slug: string): Promise<Built> {
  const programme = await reader.programme(slug);
  if (!programme) return { kind: "missing" };
  const [episodes, territories] = await Promise.all([reader.episodes(programme._id), reader.territories(programme.territoryIds)]);
  const comments = await reader.commentCounts(episodes);
  const path = programmePath(programme.slug);
  const url = absolute(site.publicUrl, path);
  const description = shorten(programme.tagline || programme.intro || programme.title);
  const dates = [programme.updatedAt, ...episodes.map((e) => e.revision.publishedAt)];
  const lastModified = new Date(Math.max(...dates.map((d) => d.getTime())));

  const head = html`${feedLinks(programme.title, programme.slug)}${sharingTags({
    type: "website",
    title: programme.title,
    description,
    url,
    siteName: site.instanceName,
  })}${jsonLd({
    "@context": "https://schema.org",
    "@type": "Blog",
    name: programme.title,
    description,
    url,
    inLanguage: "fr",
    license: programme.licence,
    ...(programme.themes.length ? { keywords: programme.themes.map((th) => th.label) } : {}),
    ...(programme.funders.length ? { funder: programme.funders.map((name) => ({ "@type": "Organization", name })) } : {}),
    blogPost: episodes.map((e) => ({
      "@type": "BlogPosting",
      headline: episodeTitle(e.number, e.title),
      url: absolute(site.publicUrl, episodePath(programme.slug, e.number, e.slug)),
      datePublished: e.publishedAt.toISOString(),
    })),
  })}`;

  const body = html`<header class="page-header">
<h1>${programme.title}</h1>
${programme.tagline ? html`<p class="tagline">${programme.tagline}</p>` : ""}
${programmeFacts(programme)}
${followJump()}
</header>
<div class="columns">
<div class="primary">
${programme.intro ? html`<div class="intro">${paragraphs(programme.intro)}</div>` : ""}
<section aria-labelledby="episodes">
<h2 id="episodes">${t("fr", "public.programme.episodes")}</h2>
${
  episodes.length
    ? html`<ol class="episode-list">${episodes.map((e) => episodeItem(e, programme, { level: 3, comments: comments.get(e.episode._id) ?? 0 }))}</ol>`
    : html`<p>${t("fr", "public.programme.noEpisodes")}</p>`
}
<p class="booklet-link"><a href="${bookletPath(programme.slug)}">${t("fr", "public.booklet.link")}</a></p>
</section>
</div>
<div class="secondary">
${searchForm(searchPath(programme.slug), "", t("fr", "public.search.labelProgramme"))}
${programme.themes.length ? sideSection("themes", t("fr", "public.themes.title"), themeList(programme, programme.themes)) : ""}
${territories.length ? sideSection("partenaires", t("fr", "public.programme.partners"), partners(territories)) : ""}
${
  programme.funders.length
    ? sideSection("financeurs", t("fr", "public.programme.funders"), html`<ul class="plain">${programme.funders.map((f) => html`<li>${f}</li>`)}</ul>`)
    : ""
}
${resources(programme)}
${
  programme.contactEmail
    ? sideSection("contact", t("fr", "public.programme.contact"), html`<p><a href="mailto:${programme.contactEmail}">${programme.contactEmail}</a></p>`)
    : ""
}
${followBox(t("fr", "public.follow.title"), programme.slug)}
</div>
</div>
<p class="licence">${t("fr", "public.licence", { licence: programme.licence })}</p>`;

  return {
    kind: "page",
    type: "html",
    body: layout({ title: `${programme.title} — ${site.instanceName}`, description, canonical: url, head }, body, site.instanceName),
    lastModified,
    slot: { name: "subscribeForm", input: { programme } },
  };
}

/** Only http(s) links are shown: a stored "javascript:" URL must never become a link. */
function resources(programme: Programme): SafeHtml | "" {
  const links = programme.resources.filter((r) => /^https?:\/\//i.test(r.url));
  if (!links.length) return "";
  return sideSection(
    "a-consulter",
    t("fr", "public.programme.resources"),
    html`<ul class="plain">${links.map((r) => html`<li><a href="${r.url}">${r.label}</a></li>`)}</ul>`,
  );
}
