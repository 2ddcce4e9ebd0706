// The comments section of the public episode page, and the no-JavaScript form that posts to it (303 to the anchor).
import type express from "express";
import { t } from "../../i18n/index.ts";
import type { Context } from "../context.ts";
import { renderCommentHtml } from "../domain/comments.ts";
import { type Actor, canReadEpisode } from "../domain/policy.ts";
import type { Episode, Programme } from "../domain/types.ts";
import { AppError, notFound } from "../errors.ts";
import { formRoutes } from "../http/routes.ts";
import { parse } from "../http/validate.ts";
import { commentFormBody } from "../api/comments/schema.ts";
import type { Thread, ThreadEntry } from "../services/comments.ts";
import { visibleOr404 } from "../services/episodes.ts";
import { countLabel, formatDateTime } from "./format.ts";
import { fill, html, raw, type SafeHtml } from "./html.ts";
import type { CommentsInput } from "./slots.ts";
import { episodePath } from "./urls.ts";

/** What the form's redirect may report back (?commentaire=code); anything else is ignored. */
const FORM_ERRORS = [
  "comment_empty",
  "comment_too_long",
  "comment_duplicate",
  "too_many_requests",
  "comments_closed",
  "parent_not_found",
  "reply_too_deep",
  "forbidden",
  "invalid_input",
] as const;
type FormError = (typeof FORM_ERRORS)[number];
const isFormError = (code: string | undefined): code is FormError => (FORM_ERRORS as readonly (string | undefined)[]).includes(code);

export const commentAnchor = (commentId: string) => `commentaire-${commentId}`;
const formPath = (programme: Programme, episode: Episode) =>
  `${episodePath(programme.slug, episode.number ?? 0, episode.slug)}/commentaires`;

function commentForm(action: string, parentId: string | null, fieldId: string): SafeHtml {
  return html`<form class="comment-form" method="post" action="${action}">
${parentId ? html`<input type="hidden" name="parentId" value="${parentId}">` : ""}<label for="${fieldId}">${t("fr", parentId ? "comments.field.reply" : "comments.field.comment")}</label>
<textarea id="${fieldId}" name="body" rows="${parentId ? 3 : 5}" maxlength="5000" required></textarea>
<p class="comment-hint">${t("fr", "comments.hint")}</p>
<button type="submit">${t("fr", parentId ? "comments.submit.reply" : "comments.submit.comment")}</button>
</form>`;
}

function entryHtml(entry: ThreadEntry, action: string): SafeHtml {
  const c = entry.comment;
  const id = commentAnchor(c._id);
  const replies =
    entry.replies.length > 0 ? html`<ol class="comment-replies">${entry.replies.map((r) => entryHtml(r, action))}</ol>` : "";
  if (entry.shown === "placeholder")
    return html`<li class="comment comment-removed" id="${id}"><p class="comment-placeholder">${t("fr", "comments.removed")}</p>${replies}</li>`;
  return html`<li class="comment${c.status === "hidden" ? " comment-hidden" : ""}" id="${id}"><article aria-labelledby="${id}-auteur">
<header class="comment-meta"><span class="comment-author" id="${id}-auteur">${c.authorName}</span>${
    c.authorTerritory ? html` <span class="badge territory">${c.authorTerritory}</span>` : ""
  } <a class="comment-date" href="#${id}"><time datetime="${c.createdAt.toISOString()}">${formatDateTime(c.createdAt)}</time></a>${
    c.editedAt ? html` <span class="comment-edited">${t("fr", "comments.edited")}</span>` : ""
  }${c.status === "hidden" ? html` <span class="badge comment-status">${t("fr", "comments.hidden")}</span>` : ""}</header>
<div class="comment-body">${raw(renderCommentHtml(c.body))}</div>
${entry.abilities.reply ? html`<details class="comment-reply"><summary>${t("fr", "comments.reply")}</summary>${commentForm(action, c._id, `${id}-reponse`)}</details>` : ""}
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
  const message = isFormError(input.error) ? t("fr", `comments.error.${input.error}`) : undefined;
  let footer: SafeHtml;
  if (thread.closed) footer = html`<p class="comments-closed">${t("fr", "comments.closed")}</p>`;
  else if (thread.canComment)
    footer = html`<h3 id="commenter-titre">${t("fr", "comments.new")}</h3>${message ? html`<p class="comment-error" role="alert">${message}</p>` : ""}${commentForm(action, null, "commentaire-nouveau")}`;
  else if (actor.kind === "anonymous")
    footer = html`<p class="comments-signin">${fill(t("fr", "comments.signIn"), {
      link: html`<a href="/atelier/">${t("fr", "comments.signInLink")}</a>`,
    })}</p>`;
  else footer = html`<p class="comments-signin">${t("fr", "comments.whoMay")}</p>`;
  return html`<section class="comments" id="commentaires" aria-labelledby="commentaires-titre">
<h2 id="commentaires-titre">${thread.count === 0 ? t("fr", "comments.title") : countLabel("comment", thread.count)}</h2>
${thread.entries.length > 0 ? html`<ol class="comment-list">${thread.entries.map((e) => entryHtml(e, action))}</ol>` : html`<p class="comments-empty">${t("fr", "comments.empty")}</p>`}
<div class="comment-new" id="commenter">${footer}</div>
</section>`;
}

/** Fills the episode page's comments slot, per request. */
export function commentsSlot(ctx: Context) {
  return async ({ req, programme, episode: cached }: CommentsInput): Promise<SafeHtml | null> => {
    // The page (and its episode record) may come from a cache; closing comments must show at once.
    const episode = (await ctx.repos.episodes.byId(cached._id)) ?? cached;
    if (!canReadEpisode(req.actor, episode.programmeId, episode.status)) return null;
    const thread = await ctx.services.comments.publicThreadFor(req.actor, episode);
    const error = typeof req.query.commentaire === "string" ? req.query.commentaire : undefined;
    return commentsSection({ thread, programme, actor: req.actor, error });
  };
}

/** POST /carnets/:programme/:ref/commentaires — the HTML form; answers 303 to the new comment, or back with an error code. */
export function registerCommentForms(app: express.Express, ctx: Context): void {
  formRoutes(app).post("/carnets/:programme/:ref/commentaires", async (req, res) => {
    const programme = await ctx.repos.programmes.bySlug(String(req.params.programme));
    const number = /^(\d{1,9})(?:-|$)/.exec(String(req.params.ref))?.[1];
    if (!programme || !number) throw notFound("Épisode");
    const episode = visibleOr404(req.actor, await ctx.repos.episodes.byNumber(programme._id, Number(number)));
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
