// The e-mail telling a proposer what became of their proposed wording: accepted, or not taken (with the reason given).
import { type Lang, t } from "../../i18n/index.ts";
import { composeMail, mailBlocks } from "./layout.ts";
import type { MailMessage } from "./mailer.ts";

export type Outcome = {
  accepted: boolean;
  decider: string;
  replacement: string;
  reason: string | null;
  episode: string;
  programme: string;
  url: string;
};

export function suggestionOutcomeMessage(input: { lang: Lang; to: string; instanceName: string; settingsUrl: string; outcome: Outcome }): MailMessage {
  const { lang, outcome } = input;
  const m = mailBlocks(lang);
  const kind = outcome.accepted ? "accepted" : "rejected";
  return composeMail({
    to: input.to,
    lang,
    subject: t(lang, `mail.suggestions.${kind}.subject`, { episode: outcome.episode }),
    body: [
      m.p(`mail.suggestions.${kind}.text`, { decider: { strong: outcome.decider }, episode: outcome.episode, programme: outcome.programme }),
      m.quote(outcome.replacement || t(lang, "mail.suggestions.deletion")),
      ...(outcome.reason ? [m.p("mail.suggestions.reason", { reason: outcome.reason })] : []),
      m.link("mail.suggestions.read", outcome.url),
    ],
    footer: [m.p("mail.suggestions.why"), m.link("mail.comments.settings", input.settingsUrl), m.said(input.instanceName)],
  });
}
