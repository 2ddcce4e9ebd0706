// The e-mails of subscriptions: the confirmation request and the announcement of a new episode.
import { type Lang, t } from "../../i18n/index.ts";
import { episodeSubject, headerSafe } from "../domain/subscriptions.ts";
import type { Episode, Programme } from "../domain/types.ts";
import { escapeHtml, fill, html } from "../pages/html.ts";
import type { MailMessage } from "./mailer.ts";

export const unsubscribeUrl = (publicUrl: string, token: string) => `${publicUrl}/abonnement/desabonner/${token}`;
export const confirmUrl = (publicUrl: string, token: string) => `${publicUrl}/abonnement/confirmer/${token}`;
export const episodeUrl = (publicUrl: string, programmeSlug: string, number: number, slug: string) =>
  `${publicUrl}/carnets/${programmeSlug}/${number}-${slug}`;

const page = (lang: Lang, body: string) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"></head><body style="font-family:sans-serif;max-width:40em">${body}</body></html>`;

export function confirmationMessage(input: {
  to: string;
  link: string;
  what: string;
  instanceName: string;
  lang?: Lang;
}): MailMessage {
  const lang = input.lang ?? "fr";
  const what = headerSafe(input.what);
  const ignore = t(lang, "mail.confirm.ignore");
  return {
    to: input.to,
    subject: headerSafe(t(lang, "mail.confirm.subject", { instance: input.instanceName })),
    text: [t(lang, "mail.hello"), ``, t(lang, "mail.confirm.request", { what }), t(lang, "mail.confirm.open"), input.link, ``, ignore].join("\n"),
    html: page(
      lang,
      `<p>${escapeHtml(t(lang, "mail.hello"))}</p><p>${fill(t(lang, "mail.confirm.request"), { what: html`<strong>${what}</strong>` })}</p>` +
        `<p><a href="${escapeHtml(input.link)}">${escapeHtml(t(lang, "subscribe.confirm.button"))}</a> ${escapeHtml(t(lang, "mail.confirm.validity"))}.</p>` +
        `<p>${escapeHtml(ignore)}</p>`,
    ),
  };
}

export function episodeMessage(input: {
  to: string;
  messageId: string;
  episode: Pick<Episode, "title" | "slug" | "summary"> & { number: number };
  programme: Pick<Programme, "slug" | "title" | "licence">;
  publicUrl: string;
  unsubscribeLink: string;
  lang?: Lang;
}): MailMessage {
  const { episode, programme } = input;
  const lang = input.lang ?? "fr";
  const link = episodeUrl(input.publicUrl, programme.slug, episode.number, episode.slug);
  const heading = t(lang, "mail.episode.heading", { programme: programme.title, number: episode.number });
  const licence = t(lang, "mail.licence", { licence: programme.licence });
  return {
    to: input.to,
    messageId: input.messageId,
    subject: episodeSubject(episode.number, episode.title, programme.title),
    headers: {
      "List-Unsubscribe": `<${input.unsubscribeLink}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
    text: [
      heading,
      ``,
      episode.title,
      ``,
      ...(episode.summary ? [episode.summary, ``] : []),
      t(lang, "mail.episode.readAt", { link }),
      ``,
      `--`,
      licence,
      t(lang, "mail.unsubscribeAt", { link: input.unsubscribeLink }),
    ].join("\n"),
    html: page(
      lang,
      `<p>${escapeHtml(heading)}</p>` +
        `<h1>${escapeHtml(episode.title)}</h1>` +
        (episode.summary ? `<p>${escapeHtml(episode.summary)}</p>` : "") +
        `<p><a href="${escapeHtml(link)}">${escapeHtml(t(lang, "mail.episode.read"))}</a></p>` +
        `<hr><p><small>${escapeHtml(licence)}<br><a href="${escapeHtml(input.unsubscribeLink)}">${escapeHtml(t(lang, "mail.unsubscribe"))}</a></small></p>`,
    ),
  };
}
