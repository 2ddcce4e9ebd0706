// The home page: the instance's programmes (running first) and the latest episodes of every journal.
import { t } from "../../i18n/index.ts";
import type { Programme } from "../domain/types.ts";
import type { Built } from "./cache.ts";
import { countLabel } from "./format.ts";
import { html } from "./html.ts";
import type { JournalReader, PublicEpisode } from "./journal.ts";
import { layout } from "./layout.ts";
import { episodeItem, followBox, followJump, programmeFacts } from "./parts.ts";
import { feedLinks, jsonLd, sharingTags } from "./seo.ts";
import { absolute, programmePath } from "./urls.ts";

const LATEST = 10;

type Site = { instanceName: string; publicUrl: string };

function programmeCard(programme: Programme, episodes: number): ReturnType<typeof html> {
  return html`<li class="card"><article>
<h3><a href="${programmePath(programme.slug)}">${programme.title}</a></h3>
${programme.tagline ? html`<p class="tagline">${programme.tagline}</p>` : ""}
${programmeFacts(programme)}
<p class="counts">${countLabel("partner", programme.territoryIds.length)} · ${countLabel("episode", episodes)}</p>
</article></li>`;
}

export async function renderHome(reader: JournalReader, site: Site): Promise<Built> {
  const programmes = await reader.programmes();
  const lists = await Promise.all(programmes.map((p) => reader.episodes(p._id)));
  const byId = new Map(programmes.map((p) => [p._id, p] as const));
  const latest = (await reader.latest(LATEST)).filter((e) => byId.has(e.episode.programmeId));
  const comments = await reader.commentCounts(latest);
  const description = t("fr", "public.home.intro");
  const url = absolute(site.publicUrl, "/");
  const dates = [...programmes.map((p) => p.updatedAt), ...lists.flat().map((e: PublicEpisode) => e.revision.publishedAt)];
  const lastModified = dates.length ? new Date(Math.max(...dates.map((d) => d.getTime()))) : null;

  const head = html`${feedLinks(t("fr", "public.feed.allTitle", { instance: site.instanceName }))}${sharingTags({
    type: "website",
    title: site.instanceName,
    description,
    url,
    siteName: site.instanceName,
  })}${jsonLd({ "@context": "https://schema.org", "@type": "WebSite", name: site.instanceName, url, inLanguage: "fr" })}`;

  const body = html`<h1>${site.instanceName}</h1>
<p class="lead">${description}</p>
${followJump()}
<div class="columns">
<div class="primary">
<section aria-labelledby="programmes">
<h2 id="programmes">${t("fr", "public.home.programmes")}</h2>
${
  programmes.length
    ? html`<ul class="cards">${programmes.map((p, i) => programmeCard(p, lists[i]!.length))}</ul>`
    : html`<p>${t("fr", "public.home.noProgrammes")}</p>`
}
</section>
<section aria-labelledby="derniers">
<h2 id="derniers">${t("fr", "public.home.latest")}</h2>
${
  latest.length
    ? html`<ol class="episode-list">${latest.map((e) =>
        episodeItem(e, byId.get(e.episode.programmeId)!, { level: 3, showProgramme: true, comments: comments.get(e.episode._id) ?? 0 }),
      )}</ol>`
    : html`<p>${t("fr", "public.home.noEpisodes")}</p>`
}
</section>
</div>
${followBox(t("fr", "public.home.follow"))}
</div>`;

  return {
    kind: "page",
    type: "html",
    body: layout({ title: site.instanceName, description, canonical: url, head }, body, site.instanceName),
    lastModified,
    slot: { name: "subscribeForm", input: { programme: null } },
  };
}
