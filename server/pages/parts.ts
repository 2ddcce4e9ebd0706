// Small pieces several public pages share: an episode in a list, a programme's facts, the follow box.
import { t } from "../../i18n/index.ts";
import type { Programme } from "../domain/types.ts";
import { countLabel, episodeTitle, formatDate, formatPeriod, statusLabel } from "./format.ts";
import { html, raw, type SafeHtml } from "./html.ts";
import type { PublicEpisode } from "./journal.ts";
import { SLOT_MARK } from "./slots.ts";
import { type FeedFormat, episodePath, feedPath } from "./urls.ts";

export const time = (date: Date) => html`<time datetime="${date.toISOString()}">${formatDate(date)}</time>`;

/** One episode in a list, under a heading of the given level; with its programme on cross-programme lists. */
export function episodeItem(
  item: PublicEpisode,
  programme: Programme,
  options: { level: 2 | 3; showProgramme?: boolean; comments?: number },
): SafeHtml {
  const href = episodePath(programme.slug, item.number, item.slug);
  const heading = html`<a href="${href}">${episodeTitle(item.number, item.title)}</a>`;
  const comments = options.comments
    ? html` · <a class="comment-count" href="${href}#commentaires">${countLabel("comment", options.comments)}</a>`
    : "";
  return html`<li class="episode-item"><article>
${options.level === 2 ? html`<h2>${heading}</h2>` : html`<h3>${heading}</h3>`}
<p class="meta">${time(item.publishedAt)}${options.showProgramme ? html` · ${programme.title}` : ""}${comments}</p>
${item.summary ? html`<p class="summary">${item.summary}</p>` : ""}
</article></li>`;
}

export function programmeFacts(programme: Programme): SafeHtml {
  return html`<dl class="facts">
<div><dt>${t("fr", "public.programme.status")}</dt><dd><span class="status status-${programme.status}">${statusLabel(programme.status)}</span></dd></div>
<div><dt>${t("fr", "public.programme.period")}</dt><dd>${formatPeriod(programme.period)}</dd></div>
</dl>`;
}

/** Near the top of a page: on a phone the "Suivre" box comes after everything else, this reaches it in one tap. */
export const followJump = (): SafeHtml => html`<p class="follow-jump"><a href="#suivre">${t("fr", "public.follow.jump")}</a></p>`;

/** The "Suivre" box: feed links, then the e-mail form (the slot filled per request, unless the page gives it). */
export function followBox(title: string, programmeSlug?: string, form: SafeHtml = raw(SLOT_MARK), themeSlug?: string): SafeHtml {
  const formats: [FeedFormat, string][] = [
    ["atom", "Atom"],
    ["rss", "RSS"],
    ["json", "JSON Feed"],
  ];
  return html`<aside class="follow" aria-labelledby="suivre">
<h2 id="suivre">${title}</h2>
<p>${t("fr", "public.follow.feeds")}</p>
<ul class="feeds">${formats.map(([f, label]) => html`<li><a href="${feedPath(f, programmeSlug, themeSlug)}">${label}</a></li>`)}</ul>
${form}
</aside>`;
}
