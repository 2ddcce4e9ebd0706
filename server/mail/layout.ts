// The one layout of Carnet e-mails: catalogue blocks rendered as a plain-text part and a small accessible HTML part.
import { type Lang, type MessageKey, t } from "../../i18n/index.ts";
import { headerSafe } from "../domain/subscriptions.ts";
import { fill, html, raw, type SafeHtml } from "../pages/html.ts";
import type { MailMessage } from "./mailer.ts";

/**
 * The language every e-mail is sent in. Recipients' language is not stored yet (neither on accounts
 * nor on subscriptions), so everyone gets French, the reference language; the catalogues are ready for more.
 */
export const SENT_LANG: Lang = "fr";

/** The atelier page of an episode, where e-mails about its draft lead. */
export const draftUrl = (publicUrl: string, episodeId: string) => `${publicUrl}/atelier/episodes/${episodeId}`;

/** One block of a message, in both of its forms. */
export type MailBlock = { text: string; html: SafeHtml };

/** A value set in bold in the HTML part, plain in the text part. */
export type Strong = { strong: string };
export type MailParams = Record<string, string | number | Strong>;

const isStrong = (value: MailParams[string]): value is Strong => typeof value === "object";

/** The blocks a message is made of, their text taken from the catalogue of `lang`. */
export function mailBlocks(lang: Lang) {
  return {
    /** A paragraph of catalogue text; user-written values are escaped in the HTML part. */
    p(key: MessageKey, params: MailParams = {}): MailBlock {
      const plain = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, isStrong(v) ? v.strong : v]));
      const marked = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, isStrong(v) ? html`<strong>${v.strong}</strong>` : v]));
      return { text: t(lang, key, plain), html: html`<p>${fill(t(lang, key), marked)}</p>` };
    },
    /** A paragraph of user-written text (an episode's summary). */
    said: (value: string): MailBlock => ({ text: value, html: html`<p>${value}</p>` }),
    heading: (value: string): MailBlock => ({ text: value, html: html`<h1 style="font-size:1.4em">${value}</h1>` }),
    /** User-written text quoted line by line (a comment). */
    quote(body: string): MailBlock {
      const lines = body.split("\n");
      return {
        text: lines.map((line) => `> ${line}`).join("\n"),
        html: html`<blockquote style="margin:0 0 1em;padding-left:1em;border-left:3px solid #767676">${lines.map((line, i) => [i > 0 && raw("<br>"), line])}</blockquote>`,
      };
    },
    /** A link: "label : address" in text (mail clients make it clickable), a labelled link in HTML. */
    link: (label: MessageKey, href: string): MailBlock => ({
      text: t(lang, "mail.link", { label: t(lang, label), link: href }),
      html: html`<p><a href="${href}">${t(lang, label)}</a></p>`,
    }),
  };
}

export type MailContent = {
  to: string;
  lang: Lang;
  /** Made header-safe here: user-written titles and names reach it. */
  subject: string;
  body: MailBlock[];
  /** Why the message was sent, how to stop it: below a separator, in small type. */
  footer?: MailBlock[];
  headers?: Record<string, string>;
  messageId?: string;
};

export function composeMail(content: MailContent): MailMessage {
  const subject = headerSafe(content.subject);
  const footer = content.footer ?? [];
  const text = [...content.body.map((b) => b.text), ...(footer.length ? [`--\n${footer.map((b) => b.text).join("\n")}`] : [])].join("\n\n");
  const page = html`<!doctype html>
<html lang="${content.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${subject}</title></head>
<body style="margin:0;padding:1em;background:#ffffff;color:#1e1e1e;font-family:sans-serif;font-size:16px;line-height:1.5">
<div style="max-width:40em">${content.body.map((b) => b.html)}${
    footer.length > 0 && html`<hr><div style="font-size:0.875em;color:#555555">${footer.map((b) => b.html)}</div>`
  }</div>
</body></html>`;
  return {
    to: content.to,
    subject,
    text: `${text}\n`,
    html: page.value,
    ...(content.headers ? { headers: content.headers } : {}),
    ...(content.messageId ? { messageId: content.messageId } : {}),
  };
}
