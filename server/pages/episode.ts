// An episode page from its latest revision: number and title, credits, dates, body, neighbours, licence.
import { t } from "../../i18n/index.ts";
import type { Programme } from "../domain/types.ts";
import type { Built } from "./cache.ts";
import { episodeTitle, readingMinutes, textOf } from "./format.ts";
import { html, raw, type SafeHtml } from "./html.ts";
import type { Credit, JournalReader, PublicEpisode } from "./journal.ts";
import { layout } from "./layout.ts";
import { followBox, followJump, time } from "./parts.ts";
import { feedLinks, jsonLd, sharingTags, shorten } from "./seo.ts";
import { SLOT_MARK } from "./slots.ts";
import { subscribeForm } from "./subscriptions.ts";
import { themeList } from "./themes.ts";
import { themesOf } from "../domain/themes.ts";
import { absolute, episodePath, programmePath } from "./urls.ts";

type Site = { instanceName: string; publicUrl: string };

const redirectTo = (programme: Programme, item: PublicEpisode): Built => ({
  kind: "redirect",
  location: episodePath(programme.slug, item.number, item.slug),
});

/** Resolves "5-slug", "5" or an old "slug" to the page, a 301 to the canonical address, or nothing. */
export async function renderEpisodeRef(reader: JournalReader, site: Site, programmeSlug: string, ref: string): Promise<Built> {
  const programme = await reader.programme(programmeSlug);
  if (!programme) return { kind: "missing" };
  const match = /^(\d{1,9})(?:-(.+))?$/.exec(ref);
  if (!match) {
    const item = await reader.bySlug(programme._id, ref);
    return item ? redirectTo(programme, item) : { kind: "missing" };
  }
  const item = await reader.byNumber(programme._id, Number(match[1]));
  if (!item) return { kind: "missing" };
  const slug = match[2];
  if (slug === item.slug) return await renderEpisode(reader, site, programme, item);
  if (slug === undefined || (await reader.knowsSlug(item, slug))) return redirectTo(programme, item);
  return { kind: "missing" };
}

function credits(list: Credit[]): SafeHtml {
  return html`${list.map(
    (c, i) =>
      html`${i > 0 ? ", " : ""}<span class="author">${c.name}${c.territory ? html` <span class="territory">(${c.territory.name})</span>` : ""}</span>`,
  )}`;
}

async function renderEpisode(reader: JournalReader, site: Site, programme: Programme, item: PublicEpisode): Promise<Built> {
  const [all, authors, territories] = await Promise.all([
    reader.episodes(programme._id),
    reader.credits(item.revision.authorIds, item.revision.authorNames),
    reader.territoryNames(item.revision.creditedTerritoryIds),
  ]);
  // `all` is highest number first: the previous episode is the next one in the list.
  const at = all.findIndex((e) => e.episode._id === item.episode._id);
  const previous = at >= 0 ? all[at + 1] : undefined;
  const next = at > 0 ? all[at - 1] : undefined;
  const title = episodeTitle(item.number, item.title);
  const path = episodePath(programme.slug, item.number, item.slug);
  const url = absolute(site.publicUrl, path);
  const programmeUrl = absolute(site.publicUrl, programmePath(programme.slug));
  const description = shorten(item.summary || textOf(item.revision.html) || title);
  const minutes = readingMinutes(item.revision.html);
  const themes = themesOf(programme, item.episode);

  const head = html`${feedLinks(programme.title, programme.slug)}${sharingTags({
    type: "article",
    title,
    description,
    url,
    siteName: site.instanceName,
    publishedAt: item.publishedAt,
    ...(item.updatedAt ? { modifiedAt: item.updatedAt } : {}),
  })}${jsonLd({
    "@context": "https://schema.org",
    "@type": "BlogPosting",
    headline: title,
    description,
    url,
    mainEntityOfPage: url,
    inLanguage: "fr",
    datePublished: item.publishedAt.toISOString(),
    dateModified: (item.updatedAt ?? item.publishedAt).toISOString(),
    license: programme.licence,
    ...(themes.length ? { keywords: themes.map((th) => th.label) } : {}),
    author: authors.map((a) => ({
      "@type": "Person",
      name: a.name,
      ...(a.territory ? { affiliation: { "@type": "Organization", name: a.territory.name } } : {}),
    })),
    isPartOf: { "@type": "Blog", name: programme.title, url: programmeUrl },
  })}`;

  const neighbour = (e: PublicEpisode | undefined, rel: "prev" | "next") =>
    e
      ? html`<li class="${rel}"><a href="${episodePath(programme.slug, e.number, e.slug)}" rel="${rel}"><span class="label">${t(
          "fr",
          rel === "prev" ? "public.episode.previous" : "public.episode.next",
        )}</span> ${episodeTitle(e.number, e.title)}</a></li>`
      : "";

  const body = html`<nav class="breadcrumb" aria-label="${t("fr", "public.breadcrumb")}"><ol>
<li><a href="/">${t("fr", "site.nav.home")}</a></li>
<li><a href="${programmePath(programme.slug)}">${programme.title}</a></li>
<li><span aria-current="page">#${item.number}</span></li>
</ol></nav>
<article class="episode" aria-labelledby="titre">
<header class="page-header">
<h1 id="titre">${title}</h1>
${item.summary ? html`<p class="chapo">${item.summary}</p>` : ""}
<p class="meta">
${authors.length ? html`<span>${t("fr", "public.episode.by")} ${credits(authors)}</span><br>` : ""}
${territories.length ? html`<span class="contributions">${t("fr", "public.episode.contributions", { names: territories.join(", ") })}</span><br>` : ""}
<span>${raw(t("fr", "public.episode.published", { date: time(item.publishedAt).value }))}</span>${
    item.updatedAt ? html`, <span>${raw(t("fr", "public.episode.updated", { date: time(item.updatedAt).value }))}</span>` : ""
  } · <span>${t("fr", "public.episode.readingTime", { minutes })}</span>
</p>
${themes.length ? html`<nav class="episode-themes" aria-label="${t("fr", "public.themes.label")}">${themeList(programme, themes)}</nav>` : ""}
${followJump()}
</header>
<div class="prose">
${raw(item.revision.html)}
</div>
<footer><p class="licence">${t("fr", "public.licence", { licence: programme.licence })}</p></footer>
</article>
${
  previous || next
    ? html`<nav class="neighbours" aria-label="${t("fr", "public.episode.neighbours")}"><ul>${neighbour(previous, "prev")}${neighbour(next, "next")}</ul></nav>`
    : ""
}
${followBox(t("fr", "public.follow.title"), programme.slug, subscribeForm(programme))}
${raw(SLOT_MARK)}`;

  return {
    kind: "page",
    type: "html",
    body: layout({ title: `${title} — ${programme.title}`, description, canonical: url, head }, body, site.instanceName),
    lastModified: item.revision.publishedAt,
    slot: {
      name: "comments",
      input: { programme, episode: item.episode, revision: item.revision },
    },
  };
}
