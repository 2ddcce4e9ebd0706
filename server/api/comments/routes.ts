// The comment API: list and post on an episode, edit/moderate/delete, close a thread, moderation feed, e-mail switches.
import type { Context } from "../../context.ts";
import { requireUserId } from "../../services/guard.ts";
import type { ApiRoutes } from "../../http/routes.ts";
import { parse } from "../../http/validate.ts";
import { presentComment, presentModerationItem, presentPrefs, presentThread } from "./presenter.ts";
import {
  commentParams,
  createCommentBody,
  episodeParams,
  moderationQuery,
  noQuery,
  notificationPrefsBody,
  updateCommentBody,
} from "./schema.ts";

export function registerComments(routes: ApiRoutes, ctx: Context): void {
  const service = () => ctx.services.comments;

  routes.get("/episodes/:episodeId/comments", async (req, res) => {
    const { episodeId } = parse(episodeParams, req.params, "params");
    parse(noQuery, req.query, "query");
    res.setHeader("Cache-Control", "private, no-store");
    res.json(presentThread(await service().list(req.actor, episodeId)));
  });

  routes.post("/episodes/:episodeId/comments", async (req, res) => {
    const { episodeId } = parse(episodeParams, req.params, "params");
    parse(noQuery, req.query, "query");
    const body = parse(createCommentBody, req.body);
    const comment = await service().create(req.actor, episodeId, body);
    res.status(201).json(presentComment(comment));
  });

  for (const [path, closed] of [
    ["/episodes/:episodeId/comments/close", true],
    ["/episodes/:episodeId/comments/open", false],
  ] as const) {
    routes.post(path, async (req, res) => {
      const { episodeId } = parse(episodeParams, req.params, "params");
      parse(noQuery, req.query, "query");
      const episode = await service().setClosed(req.actor, episodeId, closed);
      res.json({ episodeId: episode._id, commentsClosed: episode.commentsClosed });
    });
  }

  routes.patch("/comments/:commentId", async (req, res) => {
    const { commentId } = parse(commentParams, req.params, "params");
    parse(noQuery, req.query, "query");
    const body = parse(updateCommentBody, req.body);
    res.json(presentComment(await service().update(req.actor, commentId, body)));
  });

  routes.delete("/comments/:commentId", async (req, res) => {
    const { commentId } = parse(commentParams, req.params, "params");
    parse(noQuery, req.query, "query");
    await service().remove(req.actor, commentId);
    res.status(204).end();
  });

  routes.get("/moderation/comments", async (req, res) => {
    const query = parse(moderationQuery, req.query, "query");
    res.setHeader("Cache-Control", "private, no-store");
    const items = await service().moderation(req.actor, query);
    res.json({ comments: items.map(presentModerationItem) });
  });

  routes.get("/me/notifications", async (req, res) => {
    const userId = requireUserId(req.actor);
    parse(noQuery, req.query, "query");
    res.setHeader("Cache-Control", "private, no-store");
    res.json(presentPrefs(await ctx.repos.notificationPrefs.get(userId)));
  });

  routes.put("/me/notifications", async (req, res) => {
    const userId = requireUserId(req.actor);
    parse(noQuery, req.query, "query");
    const body = parse(notificationPrefsBody, req.body);
    res.json(presentPrefs(await ctx.repos.notificationPrefs.set(userId, body)));
  });
}
