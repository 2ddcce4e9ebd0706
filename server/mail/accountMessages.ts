// The e-mails of accounts: an invitation to a programme, the welcome of a new account, a password reset link.
import { type Lang, t } from "../../i18n/index.ts";
import type { Role } from "../domain/types.ts";
import { composeMail, mailBlocks } from "./layout.ts";
import type { MailMessage } from "./mailer.ts";

export function invitationMessage(input: {
  lang: Lang;
  to: string;
  inviter: string;
  programme: string;
  role: Role;
  instanceName: string;
  link: string;
}): MailMessage {
  const m = mailBlocks(input.lang);
  return composeMail({
    to: input.to,
    lang: input.lang,
    subject: t(input.lang, "mail.invitation.subject", { programme: input.programme }),
    body: [
      m.p("mail.hello"),
      m.p("mail.invitation.text", {
        inviter: input.inviter,
        programme: { strong: input.programme },
        instance: input.instanceName,
        role: t(input.lang, `atelier.role.${input.role}`),
      }),
      m.link("mail.invitation.accept", input.link),
      m.p("mail.invitation.validity"),
    ],
    footer: [m.p("mail.invitation.ignore")],
  });
}

/** The link to choose a password: `welcome` for an account the lab just created, else a reset asked for. */
export function passwordLinkMessage(input: {
  lang: Lang;
  welcome: boolean;
  to: string;
  name: string;
  instanceName: string;
  link: string;
}): MailMessage {
  const m = mailBlocks(input.lang);
  const instance = input.instanceName;
  return composeMail({
    to: input.to,
    lang: input.lang,
    subject: t(input.lang, input.welcome ? "mail.welcome.subject" : "mail.reset.subject", { instance }),
    body: [
      m.p("mail.helloName", { name: input.name }),
      ...(input.welcome
        ? [m.p("mail.welcome.text", { instance }), m.link("mail.welcome.choose", input.link)]
        : [m.p("mail.reset.text"), m.link("mail.reset.choose", input.link)]),
    ],
    ...(input.welcome ? {} : { footer: [m.p("mail.reset.ignore")] }),
  });
}
