// Builds episodes through the real service (with their server-made body), in a given status.
import type { Context } from "../../server/context.ts";
import type { Episode, EpisodeStatus } from "../../server/domain/types.ts";
import { createEpisode, transition } from "../../server/services/episodes.ts";

let counter = 0;

/** An episode of the programme in `status`; a published one has a number and a first revision. */
export async function buildEpisode(
  ctx: Context,
  programmeId: string,
  createdBy: string,
  status: EpisodeStatus = "draft",
): Promise<Episode> {
  const episode = await createEpisode(ctx, { programmeId, title: `Épisode de test ${++counter}`, createdBy });
  if (status === "review") return await transition(ctx, episode._id, "submit", createdBy);
  if (status === "published") return await transition(ctx, episode._id, "publish", createdBy);
  return episode;
}
