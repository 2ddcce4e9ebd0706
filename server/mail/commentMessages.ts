// The e-mails about comments: a reply to a comment's author, and the team's digest of new comments.
import { type Lang, t } from "../../i18n/index.ts";
import { composeMail, type MailBlock, mailBlocks } from "./layout.ts";
import type { MailMessage } from "./mailer.ts";

/** A comment as an e-mail tells it: who wrote what, where, and where to read it. */
export type MailedComment = {
  authorName: string;
  authorTerritory: string | null;
  body: string;
  episode: string;
  programme: string;
  url: string;
};

type Common = { lang: Lang; to: string; instanceName: string; settingsUrl: string };

const author = (lang: Lang, c: MailedComment) =>
  c.authorTerritory ? t(lang, "mail.comments.author", { name: c.authorName, territory: c.authorTerritory }) : c.authorName;

/** Why the message came and where to stop such messages, signed by the instance. */
function footer(input: Common, why: MailBlock): MailBlock[] {
  const m = mailBlocks(input.lang);
  return [why, m.link("mail.comments.settings", input.settingsUrl), m.said(input.instanceName)];
}

export function replyMessage(input: Common & { comment: MailedComment }): MailMessage {
  const { lang, comment } = input;
  const m = mailBlocks(lang);
  return composeMail({
    to: input.to,
    lang,
    subject: t(lang, "mail.comments.reply.subject", { name: comment.authorName, episode: comment.episode }),
    body: [
      m.p("mail.comments.reply.text", { author: { strong: author(lang, comment) }, episode: comment.episode, programme: comment.programme }),
      m.quote(comment.body),
      m.link("mail.comments.reply.read", comment.url),
    ],
    footer: footer(input, m.p("mail.comments.reply.why")),
  });
}

export function digestMessage(input: Common & { comments: MailedComment[] }): MailMessage {
  const { lang, comments } = input;
  const m = mailBlocks(lang);
  return composeMail({
    to: input.to,
    lang,
    subject:
      comments.length === 1
        ? t(lang, "mail.comments.digest.subjectOne")
        : t(lang, "mail.comments.digest.subjectMany", { count: comments.length }),
    body: comments.flatMap((c) => [
      m.p("mail.comments.digest.item", { author: { strong: author(lang, c) }, episode: c.episode, programme: c.programme }),
      m.quote(c.body),
      m.link("mail.comments.digest.read", c.url),
    ]),
    footer: footer(input, m.p("mail.comments.digest.why")),
  });
}
