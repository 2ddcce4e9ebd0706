// The review-thread API: list an episode's threads, open one on a passage (perhaps proposing wording) or reply, resolve, reopen, accept or reject a proposal, delete.
import type { Context } from "../../context.ts";
import type { ApiRoutes } from "../../http/routes.ts";
import { parse } from "../../http/validate.ts";
import { presentOpenedThread, presentReviewComment, presentReviewList, presentSuggestion } from "./presenter.ts";
import { createReviewBody, episodeParams, noBody, noQuery, rejectBody, reviewParams } from "./schema.ts";

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
    const comment = await service().create(req.actor, episodeId, body);
    res.status(201).json(comment.threadId === null ? presentOpenedThread(comment) : presentReviewComment(comment));
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

  routes.post("/reviews/:reviewId/accept", async (req, res) => {
    const { reviewId } = parse(reviewParams, req.params, "params");
    parse(noQuery, req.query, "query");
    parse(noBody, req.body ?? {});
    const thread = await service().decide(req.actor, reviewId, "accepted");
    res.json({ id: thread._id, suggestion: presentSuggestion(thread.suggestion) });
  });

  routes.post("/reviews/:reviewId/reject", async (req, res) => {
    const { reviewId } = parse(reviewParams, req.params, "params");
    parse(noQuery, req.query, "query");
    const { reason } = parse(rejectBody, req.body ?? {});
    const thread = await service().decide(req.actor, reviewId, "rejected", reason);
    res.json({ id: thread._id, suggestion: presentSuggestion(thread.suggestion) });
  });

  routes.delete("/reviews/:reviewId", async (req, res) => {
    const { reviewId } = parse(reviewParams, req.params, "params");
    parse(noQuery, req.query, "query");
    await service().remove(req.actor, reviewId);
    res.status(204).end();
  });
}
