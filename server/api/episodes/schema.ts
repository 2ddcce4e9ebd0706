// Request bodies of the episodes API.
import { z } from "zod";
import { EPISODE_LIMITS } from "../../domain/limits.ts";
import { isCalendarDate, PARIS_TIME_PATTERN } from "../../domain/parisTime.ts";
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

/** A scheduled publication: a date and time in Europe/Paris, as the dialog shows them. */
export const scheduleBody = z
  .object({
    date: z.string().refine(isCalendarDate, "date attendue AAAA-MM-JJ"),
    time: z.string().regex(PARIS_TIME_PATTERN, "heure attendue HH:MM"),
  })
  .strict();
