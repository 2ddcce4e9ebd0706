// Builds episodes through the real service (with their server-made body), in a given status.
import type { Context } from "../../server/context.ts";
import type { Episode, EpisodeStatus } from "../../server/domain/types.ts";

let counter = 0;

/** An episode of the programme in `status`; a published one has a number and a first revision. */
export async function buildEpisode(
  ctx: Context,
  programmeId: string,
  createdBy: string,
  status: EpisodeStatus = "draft",
): Promise<Episode> {
  const episode = await ctx.services.episodes.create({ programmeId, title: `Épisode de test ${++counter}`, createdBy });
  if (status === "review") return await ctx.services.episodes.transition(episode._id, "submit", createdBy);
  if (status === "published") return await ctx.services.episodes.transition(episode._id, "publish", createdBy);
  return episode;
}
