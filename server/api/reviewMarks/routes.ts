// An episode's review: which partner territories have read it, and a territory's "Relu" mark given or withdrawn.
import type { Context } from "../../context.ts";
import { type Actor, markReadTerritory } from "../../domain/policy.ts";
import type { Episode } from "../../domain/types.ts";
import { conflict, forbidden } from "../../errors.ts";
import type { ApiRoutes } from "../../http/routes.ts";
import { parse } from "../../http/validate.ts";
import { authorize, requireUserId } from "../../services/guard.ts";
import { emptyBody } from "../episodes/schema.ts";
import { presentReview } from "./presenter.ts";
import { markReadBody } from "./schema.ts";

export function registerReviewMarkRoutes(routes: ApiRoutes, ctx: Context): void {
  const present = async (episode: Episode, actor: Actor) => {
    const state = await ctx.services.reviewMarks.state(episode);
    const people = new Map((await ctx.repos.users.byIds(state.marks.map((m) => m.userId))).map((u) => [u._id, u]));
    const territoryId = markReadTerritory(actor, episode);
    return { review: presentReview(state, people, { markRead: territoryId !== null, territoryId }) };
  };

  /** The episode, and the territory the actor marks for: 401/403 without the role, 409 out of review, 403 without a territory. */
  const marking = async (actor: Actor, episodeId: unknown) => {
    const episode = await ctx.services.episodes.visible(actor, episodeId);
    authorize(actor, "episode.markRead", { programmeId: episode.programmeId, episodeStatus: "review" });
    if (episode.status !== "review") throw conflict("episode_not_in_review", "Cet épisode n'est pas en relecture.");
    const territoryId = markReadTerritory(actor, episode);
    if (!territoryId) throw forbidden("Seul un partenaire rattaché à un territoire peut marquer un épisode comme relu.");
    return { episode, territoryId };
  };

  routes.get("/episodes/:episodeId/review", async (req, res) => {
    const episode = await ctx.services.episodes.visible(req.actor, req.params.episodeId);
    authorize(req.actor, "episode.readReview", { programmeId: episode.programmeId });
    res.setHeader("Cache-Control", "private, no-store");
    res.json(await present(episode, req.actor));
  });

  routes.put("/episodes/:episodeId/review/mark", async (req, res) => {
    const { episode, territoryId } = await marking(req.actor, req.params.episodeId);
    const { comment } = parse(markReadBody, req.body);
    await ctx.services.reviewMarks.mark(episode, territoryId, requireUserId(req.actor), comment ?? "");
    res.json(await present(episode, req.actor));
  });

  routes.delete("/episodes/:episodeId/review/mark", async (req, res) => {
    const { episode, territoryId } = await marking(req.actor, req.params.episodeId);
    parse(emptyBody, req.body ?? {});
    await ctx.services.reviewMarks.withdraw(episode, territoryId);
    res.json(await present(episode, req.actor));
  });
}
