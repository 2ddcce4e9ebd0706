// The e-mail telling a member they were mentioned ("@Name") in a review thread of a draft.
import { type Lang, t } from "../../i18n/index.ts";
import { composeMail, mailBlocks } from "./layout.ts";
import type { MailMessage } from "./mailer.ts";

export type Mention = { authorName: string; authorTerritory: string | null; body: string; episode: string; programme: string; url: string };

export function mentionMessage(input: { lang: Lang; to: string; instanceName: string; settingsUrl: string; mention: Mention }): MailMessage {
  const { lang, mention } = input;
  const m = mailBlocks(lang);
  const author = mention.authorTerritory
    ? t(lang, "mail.comments.author", { name: mention.authorName, territory: mention.authorTerritory })
    : mention.authorName;
  return composeMail({
    to: input.to,
    lang,
    subject: t(lang, "mail.reviews.mention.subject", { name: mention.authorName, episode: mention.episode }),
    body: [
      m.p("mail.reviews.mention.text", { author: { strong: author }, episode: mention.episode, programme: mention.programme }),
      m.quote(mention.body),
      m.link("mail.reviews.mention.read", mention.url),
    ],
    footer: [m.p("mail.reviews.mention.why"), m.link("mail.comments.settings", input.settingsUrl), m.said(input.instanceName)],
  });
}
