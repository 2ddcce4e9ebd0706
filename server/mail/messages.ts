// The e-mails of subscriptions: the confirmation request and the announcement of a new episode.
import { type Lang, t } from "../../i18n/index.ts";
import { episodeSubject } from "../domain/subscriptions.ts";
import type { Episode, Programme } from "../domain/types.ts";
import { composeMail, mailBlocks, SENT_LANG } from "./layout.ts";
import type { MailMessage } from "./mailer.ts";

export const unsubscribeUrl = (publicUrl: string, token: string) => `${publicUrl}/abonnement/desabonner/${token}`;
export const confirmUrl = (publicUrl: string, token: string) => `${publicUrl}/abonnement/confirmer/${token}`;
export const episodeUrl = (publicUrl: string, programmeSlug: string, number: number, slug: string) =>
  `${publicUrl}/carnets/${programmeSlug}/${number}-${slug}`;

export function confirmationMessage(input: {
  to: string;
  link: string;
  what: string;
  instanceName: string;
  lang?: Lang;
}): MailMessage {
  const lang = input.lang ?? SENT_LANG;
  const m = mailBlocks(lang);
  return composeMail({
    to: input.to,
    lang,
    subject: t(lang, "mail.confirm.subject", { instance: input.instanceName }),
    body: [
      m.p("mail.hello"),
      m.p("mail.confirm.request", { what: { strong: input.what } }),
      m.p("mail.confirm.open"),
      m.link("subscribe.confirm.button", input.link),
    ],
    footer: [m.p("mail.confirm.ignore")],
  });
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
  const lang = input.lang ?? SENT_LANG;
  const m = mailBlocks(lang);
  return composeMail({
    to: input.to,
    lang,
    messageId: input.messageId,
    subject: episodeSubject(episode.number, episode.title, programme.title),
    headers: {
      "List-Unsubscribe": `<${input.unsubscribeLink}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
    body: [
      m.p("mail.episode.heading", { programme: programme.title, number: episode.number }),
      m.heading(episode.title),
      ...(episode.summary ? [m.said(episode.summary)] : []),
      m.link("mail.episode.read", episodeUrl(input.publicUrl, programme.slug, episode.number, episode.slug)),
    ],
    footer: [m.p("mail.licence", { licence: programme.licence }), m.link("mail.unsubscribe", input.unsubscribeLink)],
  });
}
