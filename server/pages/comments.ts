// The comments section of the public episode page, and the no-JavaScript form that posts to it (303 to the anchor).
import type express from "express";
import type { Context } from "../context.ts";
import { renderCommentHtml } from "../domain/comments.ts";
import { type Actor, canReadEpisode } from "../domain/policy.ts";
import type { Episode, Programme } from "../domain/types.ts";
import { AppError, notFound } from "../errors.ts";
import { parse } from "../http/validate.ts";
import { commentFormBody } from "../api/comments/schema.ts";
import type { Thread, ThreadEntry } from "../services/comments.ts";
import { html, raw, type SafeHtml } from "./html.ts";
import type { CommentsInput } from "./slots.ts";
import { episodePath } from "./urls.ts";

/** What the form's redirect may report back (?commentaire=code); anything else is ignored. */
const FORM_ERRORS: Record<string, string> = {
  comment_empty: "Le commentaire est vide.",
  comment_too_long: "Le commentaire dépasse 5 000 caractères.",
  comment_duplicate: "Vous venez de publier ce même commentaire.",
  too_many_requests: "Vous commentez trop vite : attendez un peu avant de recommencer.",
  comments_closed: "Les commentaires sont fermés sur cet épisode.",
  parent_not_found: "Le commentaire auquel vous répondez n'existe plus.",
  reply_too_deep: "On ne peut répondre qu'à un commentaire, pas à une réponse.",
  forbidden: "Vous ne pouvez pas commenter cet épisode.",
  invalid_input: "Le formulaire envoyé n'est pas valide.",
};

const DATE_TIME = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" });

export const commentAnchor = (commentId: string) => `commentaire-${commentId}`;
const formPath = (programme: Programme, episode: Episode) =>
  `${episodePath(programme.slug, episode.number ?? 0, episode.slug)}/commentaires`;

function countLabel(count: number): string {
  if (count === 0) return "Commentaires";
  return count === 1 ? "1 commentaire" : `${count} commentaires`;
}

function commentForm(action: string, parentId: string | null, fieldId: string): SafeHtml {
  const label = parentId ? "Votre réponse" : "Votre commentaire";
  return html`<form class="comment-form" method="post" action="${action}">
${parentId ? html`<input type="hidden" name="parentId" value="${parentId}">` : ""}<label for="${fieldId}">${label}</label>
<textarea id="${fieldId}" name="body" rows="${parentId ? 3 : 5}" maxlength="5000" required></textarea>
<p class="comment-hint">Texte seul : une ligne vide sépare les paragraphes, les adresses web deviennent des liens.</p>
<button type="submit">${parentId ? "Publier la réponse" : "Publier le commentaire"}</button>
</form>`;
}

function entryHtml(entry: ThreadEntry, action: string): SafeHtml {
  const c = entry.comment;
  const id = commentAnchor(c._id);
  const replies =
    entry.replies.length > 0 ? html`<ol class="comment-replies">${entry.replies.map((r) => entryHtml(r, action))}</ol>` : "";
  if (entry.shown === "placeholder")
    return html`<li class="comment comment-removed" id="${id}"><p class="comment-placeholder">Commentaire retiré.</p>${replies}</li>`;
  return html`<li class="comment${c.status === "hidden" ? " comment-hidden" : ""}" id="${id}"><article aria-labelledby="${id}-auteur">
<header class="comment-meta"><span class="comment-author" id="${id}-auteur">${c.authorName}</span>${
    c.authorTerritory ? html` <span class="badge territory">${c.authorTerritory}</span>` : ""
  } <a class="comment-date" href="#${id}"><time datetime="${c.createdAt.toISOString()}">${DATE_TIME.format(c.createdAt)}</time></a>${
    c.editedAt ? html` <span class="comment-edited">(modifié)</span>` : ""
  }${c.status === "hidden" ? html` <span class="badge comment-status">masqué</span>` : ""}</header>
<div class="comment-body">${raw(renderCommentHtml(c.body))}</div>
${entry.canReply ? html`<details class="comment-reply"><summary>Répondre</summary>${commentForm(action, c._id, `${id}-reponse`)}</details>` : ""}
</article>${replies}</li>`;
}

/** The section: the thread (oldest first), then the form, or why there is none. */
export function commentsSection(input: {
  thread: Thread;
  programme: Programme;
  actor: Actor;
  error?: string | undefined;
}): SafeHtml {
  const { thread, programme, actor } = input;
  const action = formPath(programme, thread.episode);
  const message = input.error ? FORM_ERRORS[input.error] : undefined;
  let footer: SafeHtml;
  if (thread.closed) footer = html`<p class="comments-closed">Les commentaires sont fermés.</p>`;
  else if (thread.canComment)
    footer = html`<h3 id="commenter-titre">Commenter</h3>${message ? html`<p class="comment-error" role="alert">${message}</p>` : ""}${commentForm(action, null, "commentaire-nouveau")}`;
  else if (actor.kind === "anonymous")
    footer = html`<p class="comments-signin"><a href="/atelier/">Connectez-vous pour commenter</a> (partenaires et équipe du programme).</p>`;
  else footer = html`<p class="comments-signin">Les partenaires et l'équipe du programme peuvent commenter.</p>`;
  return html`<section class="comments" id="commentaires" aria-labelledby="commentaires-titre">
<h2 id="commentaires-titre">${countLabel(thread.count)}</h2>
${thread.entries.length > 0 ? html`<ol class="comment-list">${thread.entries.map((e) => entryHtml(e, action))}</ol>` : html`<p class="comments-empty">Pas encore de commentaire.</p>`}
<div class="comment-new" id="commenter">${footer}</div>
</section>`;
}

/** Fills the episode page's comments slot, per request. */
export function commentsSlot(ctx: Context) {
  return async ({ req, programme, episode: cached }: CommentsInput): Promise<SafeHtml | null> => {
    // The page (and its episode record) may come from a cache; closing comments must show at once.
    const episode = (await ctx.repos.episodes.byId(cached._id)) ?? cached;
    if (!canReadEpisode(req.actor, episode.programmeId, episode.status)) return null;
    const thread = await ctx.services.comments.threadFor(req.actor, episode);
    const error = typeof req.query.commentaire === "string" ? req.query.commentaire : undefined;
    return commentsSection({ thread, programme, actor: req.actor, error });
  };
}

/** POST /carnets/:programme/:ref/commentaires — the HTML form; answers 303 to the new comment, or back with an error code. */
export function registerCommentForms(app: express.Express, ctx: Context): void {
  app.post("/carnets/:programme/:ref/commentaires", async (req, res) => {
    const programme = await ctx.repos.programmes.bySlug(String(req.params.programme));
    const number = /^(\d{1,9})(?:-|$)/.exec(String(req.params.ref))?.[1];
    const episode = programme && number ? await ctx.repos.episodes.byNumber(programme._id, Number(number)) : null;
    if (!programme || !episode || !canReadEpisode(req.actor, episode.programmeId, episode.status)) throw notFound("Épisode");
    const back =
      episode.status === "published" && episode.number !== null
        ? episodePath(programme.slug, episode.number, episode.slug)
        : "/atelier/";
    if (req.actor.kind === "anonymous") return res.redirect(303, "/atelier/");
    try {
      const form = parse(commentFormBody, req.body);
      const comment = await ctx.services.comments.create(req.actor, episode._id, {
        body: form.body,
        parentId: form.parentId || null,
      });
      res.redirect(303, `${back}#${commentAnchor(comment._id)}`);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      res.redirect(303, `${back}?commentaire=${encodeURIComponent(error.code)}#commenter`);
    }
  });
}
