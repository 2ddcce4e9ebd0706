// Request shapes of the comment API (strict: unknown fields are refused).
import { z } from "zod";
import { idParam, text } from "../../http/validate.ts";

// Longer than the rule (5,000 characters) because the rule counts after normalising; the domain has the last word.
const rawBody = text({ newlines: true }).max(20_000, "le commentaire est beaucoup trop long");

export const episodeParams = z.object({ episodeId: idParam }).strict();
export const commentParams = z.object({ commentId: idParam }).strict();
export const noQuery = z.object({}).strict();

export const createCommentBody = z.object({ body: rawBody, parentId: idParam.nullable().optional() }).strict();

export const updateCommentBody = z
  .object({ body: rawBody.optional(), status: z.enum(["visible", "hidden"]).optional() })
  .strict()
  .refine((v) => v.body !== undefined || v.status !== undefined, "indiquez body ou status");

export const moderationQuery = z
  .object({
    status: z.enum(["visible", "hidden"]).optional(),
    programmeId: idParam.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const notificationPrefsBody = z
  .object({
    newComments: z.boolean().optional(),
    replies: z.boolean().optional(),
    reviewRequests: z.boolean().optional(),
    suggestionOutcomes: z.boolean().optional(),
  })
  .strict();

/** The no-JavaScript form on the episode page (application/x-www-form-urlencoded). */
export const commentFormBody = z
  .object({ body: rawBody, parentId: z.union([idParam, z.literal("")]).optional() })
  .strict();
