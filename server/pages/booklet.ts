// The booklet (/carnets/:programme/livret): the whole journal as one printable document — cover, contents by number, every episode.
import { t } from "../../i18n/index.ts";
import type { Built } from "./cache.ts";
import { episodeTitle } from "./format.ts";
import { html, raw, type SafeHtml } from "./html.ts";
import type { JournalReader, PublicEpisode } from "./journal.ts";
import { layout } from "./layout.ts";
import { programmeFacts, time } from "./parts.ts";
import { paragraphs } from "./programme.ts";
import { absolute, bookletPath, episodePath, programmePath } from "./urls.ts";

type Site = { instanceName: string; publicUrl: string };

const anchor = (item: PublicEpisode) => `episode-${item.number}`;

function list(title: string, id: string, items: string[]): SafeHtml | "" {
  if (!items.length) return "";
  return html`<section aria-labelledby="${id}"><h2 id="${id}">${title}</h2><ul class="plain">${items.map((i) => html`<li>${i}</li>`)}</ul></section>`;
}

export async function renderBooklet(reader: JournalReader, site: Site, slug: string): Promise<Built> {
  const programme = await reader.programme(slug);
  if (!programme) return { kind: "missing" };
  const [newestFirst, territories] = await Promise.all([reader.episodes(programme._id), reader.territories(programme.territoryIds)]);
  const episodes = [...newestFirst].reverse();
  const authors = await Promise.all(episodes.map((e) => reader.credits(e.revision.authorIds, e.revision.authorNames)));
  const dates = [programme.updatedAt, ...episodes.map((e) => e.revision.publishedAt)];
  const title = t("fr", "public.booklet.title", { programme: programme.title });

  const body = html`<section class="booklet-cover" aria-labelledby="livret-titre">
<p class="booklet-kind">${t("fr", "public.booklet.kind")}</p>
<h1 id="livret-titre">${programme.title}</h1>
${programme.tagline ? html`<p class="tagline">${programme.tagline}</p>` : ""}
${programmeFacts(programme)}
${programme.intro ? html`<div class="intro">${paragraphs(programme.intro)}</div>` : ""}
${list(t("fr", "public.programme.partners"), "livret-partenaires", territories.map((tr) => tr.name))}
${list(t("fr", "public.programme.funders"), "livret-financeurs", programme.funders)}
${programme.contactEmail ? html`<p>${t("fr", "public.programme.contact")} : ${programme.contactEmail}</p>` : ""}
<p class="booklet-source">${t("fr", "public.booklet.source")} <a href="${absolute(site.publicUrl, programmePath(programme.slug))}">${absolute(site.publicUrl, programmePath(programme.slug))}</a></p>
<p class="licence">${t("fr", "public.licence", { licence: programme.licence })}</p>
</section>
<nav class="booklet-toc" aria-labelledby="sommaire">
<h2 id="sommaire">${t("fr", "public.booklet.contents")}</h2>
${
  episodes.length
    ? html`<ol>${episodes.map((e) => html`<li><a href="#${anchor(e)}">${episodeTitle(e.number, e.title)}</a></li>`)}</ol>`
    : html`<p>${t("fr", "public.programme.noEpisodes")}</p>`
}
</nav>
${episodes.map(
  (e, i) => html`<article class="booklet-episode" id="${anchor(e)}" aria-labelledby="${anchor(e)}-titre">
<h2 id="${anchor(e)}-titre">${episodeTitle(e.number, e.title)}</h2>
${e.summary ? html`<p class="chapo">${e.summary}</p>` : ""}
<p class="meta">${authors[i]!.length ? html`${t("fr", "public.episode.by")} ${authors[i]!.map((a) => a.name).join(", ")} · ` : ""}${raw(
    t("fr", "public.episode.published", { date: time(e.publishedAt).value }),
  )}${e.updatedAt ? html`, ${raw(t("fr", "public.episode.updated", { date: time(e.updatedAt).value }))}` : ""} · <a href="${absolute(
    site.publicUrl,
    episodePath(programme.slug, e.number, e.slug),
  )}">${t("fr", "public.booklet.online")}</a></p>
<div class="prose">${raw(e.revision.html)}</div>
</article>`,
)}`;

  return {
    kind: "page",
    type: "html",
    body: layout(
      { title: `${title} — ${site.instanceName}`, canonical: absolute(site.publicUrl, bookletPath(programme.slug)), head: html`<meta name="robots" content="noindex">\n` },
      body,
      site.instanceName,
    ),
    lastModified: new Date(Math.max(...dates.map((d) => d.getTime()))),
  };
}
