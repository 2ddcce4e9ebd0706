// The e-mails of subscriptions: the confirmation request and the announcement of a new episode.
import { episodeSubject, headerSafe } from "../domain/subscriptions.ts";
import type { Episode, Programme } from "../domain/types.ts";
import { escapeHtml } from "../pages/html.ts";
import type { MailMessage } from "./mailer.ts";

export const unsubscribeUrl = (publicUrl: string, token: string) => `${publicUrl}/abonnement/desabonner/${token}`;
export const confirmUrl = (publicUrl: string, token: string) => `${publicUrl}/abonnement/confirmer/${token}`;
export const episodeUrl = (publicUrl: string, programmeSlug: string, number: number, slug: string) =>
  `${publicUrl}/carnets/${programmeSlug}/${number}-${slug}`;

const page = (body: string) =>
  `<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body style="font-family:sans-serif;max-width:40em">${body}</body></html>`;

export function confirmationMessage(input: {
  to: string;
  link: string;
  what: string;
  instanceName: string;
}): MailMessage {
  const what = headerSafe(input.what);
  return {
    to: input.to,
    subject: headerSafe(`Confirmez votre abonnement — ${input.instanceName}`),
    text: [
      `Bonjour,`,
      ``,
      `Quelqu'un (sans doute vous) a demandé à recevoir par e-mail les nouveaux épisodes de : ${what}.`,
      `Pour confirmer, ouvrez ce lien dans les 7 jours puis cliquez sur « Confirmer » :`,
      input.link,
      ``,
      `Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : rien ne vous sera envoyé.`,
    ].join("\n"),
    html: page(
      `<p>Bonjour,</p><p>Quelqu'un (sans doute vous) a demandé à recevoir par e-mail les nouveaux épisodes de : <strong>${escapeHtml(what)}</strong>.</p>` +
        `<p><a href="${escapeHtml(input.link)}">Confirmer mon abonnement</a> (lien valable 7 jours).</p>` +
        `<p>Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : rien ne vous sera envoyé.</p>`,
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
}): MailMessage {
  const { episode, programme } = input;
  const link = episodeUrl(input.publicUrl, programme.slug, episode.number, episode.slug);
  const licence = `Texte publié sous licence ${programme.licence}.`;
  const unsubscribe = `Se désabonner : ${input.unsubscribeLink}`;
  return {
    to: input.to,
    messageId: input.messageId,
    subject: episodeSubject(episode.number, episode.title, programme.title),
    headers: {
      "List-Unsubscribe": `<${input.unsubscribeLink}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
    text: [
      `${programme.title} — épisode #${episode.number}`,
      ``,
      episode.title,
      ``,
      ...(episode.summary ? [episode.summary, ``] : []),
      `Lire l'épisode : ${link}`,
      ``,
      `--`,
      licence,
      unsubscribe,
    ].join("\n"),
    html: page(
      `<p>${escapeHtml(programme.title)} — épisode #${episode.number}</p>` +
        `<h1>${escapeHtml(episode.title)}</h1>` +
        (episode.summary ? `<p>${escapeHtml(episode.summary)}</p>` : "") +
        `<p><a href="${escapeHtml(link)}">Lire l'épisode</a></p>` +
        `<hr><p><small>${escapeHtml(licence)}<br><a href="${escapeHtml(input.unsubscribeLink)}">Se désabonner</a></small></p>`,
    ),
  };
}
