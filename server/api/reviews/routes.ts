// The review-thread API: list an episode's threads, open one on a passage or reply, resolve, reopen, delete.
import type { Context } from "../../context.ts";
import type { ApiRoutes } from "../../http/routes.ts";
import { parse } from "../../http/validate.ts";
import { presentReviewComment, presentReviewList } from "./presenter.ts";
import { createReviewBody, episodeParams, noQuery, reviewParams } from "./schema.ts";

export function registerReviews(routes: ApiRoutes, ctx: Context): void {
  const service = () => ctx.services.reviews;

  routes.get("/episodes/:episodeId/reviews", async (req, res) => {
    const { episodeId } = parse(episodeParams, req.params, "params");
    parse(noQuery, req.query, "query");
    res.setHeader("Cache-Control", "private, no-store");
    res.json(presentReviewList(await service().list(req.actor, episodeId)));
  });

  routes.post("/episodes/:episodeId/reviews", async (req, res) => {
    const { episodeId } = parse(episodeParams, req.params, "params");
    parse(noQuery, req.query, "query");
    const body = parse(createReviewBody, req.body);
    res.status(201).json(presentReviewComment(await service().create(req.actor, episodeId, body)));
  });

  for (const [path, resolved] of [
    ["/reviews/:reviewId/resolve", true],
    ["/reviews/:reviewId/reopen", false],
  ] as const) {
    routes.post(path, async (req, res) => {
      const { reviewId } = parse(reviewParams, req.params, "params");
      parse(noQuery, req.query, "query");
      const thread = await service().setResolved(req.actor, reviewId, resolved);
      res.json({ id: thread._id, resolved: thread.resolvedAt !== null });
    });
  }

  routes.delete("/reviews/:reviewId", async (req, res) => {
    const { reviewId } = parse(reviewParams, req.params, "params");
    parse(noQuery, req.query, "query");
    await service().remove(req.actor, reviewId);
    res.status(204).end();
  });
}
