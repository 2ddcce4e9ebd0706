// Request bodies of the episodes API.
import { z } from "zod";
import { EPISODE_LIMITS } from "../../domain/limits.ts";
import { SLUG_MAX } from "../../domain/slug.ts";
import { idParam as id, text } from "../../http/validate.ts";

const title = text().trim().min(1).max(EPISODE_LIMITS.title);
const summary = text({ newlines: true }).trim().max(EPISODE_LIMITS.summary);

export const createEpisodeBody = z.object({ title, summary: summary.optional() }).strict();

export const updateEpisodeBody = z
  .object({
    title: title.optional(),
    summary: summary.optional(),
    slug: text().trim().min(1).max(SLUG_MAX).optional(),
    authorIds: z.array(id).max(EPISODE_LIMITS.authors).optional(),
  })
  .strict();

/** Status changes carry no body; anything sent is refused rather than ignored. */
export const emptyBody = z.object({}).strict();
