// The e-mail asking a programme's partners to read a draft submitted for review.
import { type Lang, t } from "../../i18n/index.ts";
import { composeMail, mailBlocks } from "./layout.ts";
import type { MailMessage } from "./mailer.ts";

export function reviewRequestMessage(input: {
  lang: Lang;
  to: string;
  instanceName: string;
  settingsUrl: string;
  episode: string;
  programme: string;
  url: string;
}): MailMessage {
  const { lang } = input;
  const m = mailBlocks(lang);
  return composeMail({
    to: input.to,
    lang,
    subject: t(lang, "mail.review.subject", { episode: input.episode }),
    body: [m.p("mail.review.text", { episode: { strong: input.episode }, programme: input.programme }), m.link("mail.review.read", input.url)],
    footer: [m.p("mail.review.why"), m.link("mail.comments.settings", input.settingsUrl), m.said(input.instanceName)],
  });
}
