// Every Carnet e-mail, rendered in each language: no placeholder left, hostile titles and names escaped, safe headers.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Lang } from "../../i18n/index.ts";
import { invitationMessage, passwordLinkMessage } from "../../server/mail/accountMessages.ts";
import { digestMessage, replyMessage } from "../../server/mail/commentMessages.ts";
import type { MailMessage } from "../../server/mail/mailer.ts";
import { confirmationMessage, episodeMessage } from "../../server/mail/messages.ts";

const HOSTILE = "<img src=x onerror=alert(1)>";
/** A title that also tries to add a header through the subject. */
const TITLE = `${HOSTILE}\r\nBcc: pirate@example.org`;
const URL = "https://carnet.test";

function everyMessage(lang: Lang): Record<string, MailMessage> {
  const comment = {
    authorName: HOSTILE,
    authorTerritory: `Ville ${HOSTILE}`,
    body: `Première ligne ${HOSTILE}\nDeuxième ligne`,
    episode: TITLE,
    programme: TITLE,
    url: `${URL}/carnets/p/1-e#commentaire-1`,
  };
  const common = { lang, to: "equipe@example.org", instanceName: "Carnet", settingsUrl: `${URL}/atelier/` };
  return {
    confirmation: confirmationMessage({ lang, to: "a@example.org", link: `${URL}/abonnement/confirmer/t`, what: TITLE, instanceName: "Carnet" }),
    episode: episodeMessage({
      lang,
      to: "a@example.org",
      messageId: "<j.1@carnet.test>",
      episode: { number: 3, title: TITLE, slug: "e", summary: HOSTILE },
      programme: { slug: "p", title: TITLE, licence: "CC BY-SA 4.0" },
      publicUrl: URL,
      unsubscribeLink: `${URL}/abonnement/desabonner/t`,
    }),
    invitation: invitationMessage({
      lang,
      to: "b@example.org",
      inviter: HOSTILE,
      programme: TITLE,
      role: "partner",
      instanceName: "Carnet",
      link: `${URL}/atelier/invitation/t`,
    }),
    welcome: passwordLinkMessage({ lang, welcome: true, to: "c@example.org", name: HOSTILE, instanceName: "Carnet", link: `${URL}/atelier/mot-de-passe/t` }),
    reset: passwordLinkMessage({ lang, welcome: false, to: "c@example.org", name: HOSTILE, instanceName: "Carnet", link: `${URL}/atelier/mot-de-passe/t` }),
    reply: replyMessage({ ...common, comment }),
    digest: digestMessage({ ...common, comments: [comment, { ...comment, authorTerritory: null }] }),
  };
}

for (const lang of ["fr", "en"] as const) {
  describe(`e-mails in ${lang}`, () => {
    for (const [name, mail] of Object.entries(everyMessage(lang))) {
      it(`${name}: filled, escaped, header-safe`, () => {
        for (const part of [mail.subject, mail.text, mail.html ?? ""]) assert.doesNotMatch(part, /\{\w+\}/, `placeholder left in ${name}`);
        assert.doesNotMatch(mail.subject, /[\r\n]/);
        assert.ok(mail.html, "an HTML part");
        assert.match(mail.html, new RegExp(`^<!doctype html>\\s*<html lang="${lang}">`));
        assert.doesNotMatch(mail.html, /<img|onerror=alert\(1\)>/i, "the hostile tag is not markup");
        assert.ok(mail.html.includes("&lt;img src=x onerror=alert(1)&gt;"), "the hostile value is shown, escaped");
        assert.doesNotMatch(mail.html, /<(img|link|script)\b|@import|url\(/i, "no external image, font or script");
        assert.ok(mail.text.includes(HOSTILE), "the text part carries the value as written");
        assert.doesNotMatch(mail.text, /&lt;|<p>|<a /, "no HTML in the text part");
        for (const href of mail.html.matchAll(/href="([^"]*)"/g)) assert.ok(mail.text.includes(href[1]!), `${href[1]} is in the text part too`);
      });
    }
  });
}

it("speaks the language asked for", () => {
  assert.match(everyMessage("fr").reset!.subject, /nouveau mot de passe/);
  assert.match(everyMessage("en").reset!.subject, /new password/);
  assert.match(everyMessage("fr").invitation!.text, /avec le rôle partenaire/);
  assert.match(everyMessage("en").invitation!.text, /with the role partner/);
  assert.equal(everyMessage("en").digest!.subject, "2 new comments");
});
