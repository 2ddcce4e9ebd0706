// A theme's page (/carnets/:programme/themes/:theme): its published episodes and its feeds; and the theme links other pages show.
import { t } from "../../i18n/index.ts";
import type { Programme, Theme } from "../domain/types.ts";
import type { Built } from "./cache.ts";
import { html, raw, type SafeHtml } from "./html.ts";
import type { JournalReader } from "./journal.ts";
import { layout } from "./layout.ts";
import { episodeItem, followBox } from "./parts.ts";
import { feedLinks, jsonLd } from "./seo.ts";
import { absolute, programmePath, themePath } from "./urls.ts";

type Site = { instanceName: string; publicUrl: string };

/** The list of links to these themes' pages. */
export const themeList = (programme: Programme, themes: Theme[]): SafeHtml =>
  html`<ul class="themes">${themes.map((theme) => html`<li><a href="${themePath(programme.slug, theme.slug)}">${theme.label}</a></li>`)}</ul>`;

export async function renderTheme(reader: JournalReader, site: Site, programmeSlug: string, themeSlug: string): Promise<Built> {
  const programme = await reader.programme(programmeSlug);
  const theme = programme?.themes.find((th) => th.slug === themeSlug);
  if (!programme || !theme) return { kind: "missing" };
  const episodes = (await reader.episodes(programme._id)).filter((e) => e.episode.themes.includes(theme.slug));
  const comments = await reader.commentCounts(episodes);
  const title = t("fr", "public.theme.title", { theme: theme.label });
  const url = absolute(site.publicUrl, themePath(programme.slug, theme.slug));
  const dates = [programme.updatedAt, ...episodes.map((e) => e.revision.publishedAt)];
  const head = html`${feedLinks(`${programme.title} — ${theme.label}`, programme.slug, theme.slug)}${jsonLd({
    "@context": "https://schema.org",
    "@type": "CollectionPage",
    name: `${programme.title} — ${theme.label}`,
    url,
    inLanguage: "fr",
    keywords: [theme.label],
    isPartOf: { "@type": "Blog", name: programme.title, url: absolute(site.publicUrl, programmePath(programme.slug)) },
  })}`;
  const body = html`<nav class="breadcrumb" aria-label="${t("fr", "public.breadcrumb")}"><ol>
<li><a href="/">${t("fr", "site.nav.home")}</a></li>
<li><a href="${programmePath(programme.slug)}">${programme.title}</a></li>
<li><span aria-current="page">${theme.label}</span></li>
</ol></nav>
<header class="page-header"><h1>${title}</h1></header>
<section aria-labelledby="episodes">
<h2 id="episodes">${t("fr", "public.theme.episodes")}</h2>
${
  episodes.length
    ? html`<ol class="episode-list">${episodes.map((e) => episodeItem(e, programme, { level: 3, comments: comments.get(e.episode._id) ?? 0 }))}</ol>`
    : html`<p>${t("fr", "public.theme.none")}</p>`
}
</section>
${followBox(t("fr", "public.follow.title"), programme.slug, raw(""), theme.slug)}`;
  return {
    kind: "page",
    type: "html",
    body: layout({ title: `${title} — ${programme.title}`, canonical: url, head }, body, site.instanceName),
    lastModified: new Date(Math.max(...dates.map((d) => d.getTime()))),
  };
}
