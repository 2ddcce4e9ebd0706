// Request shapes of the review-thread API (strict: unknown fields are refused).
import { z } from "zod";
import { idParam, text } from "../../http/validate.ts";
import { QUOTE_MAX_CHARS } from "../../domain/reviews.ts";
import { SUGGESTION_LIMITS } from "../../domain/suggestions.ts";

// Longer than the rule (5,000 characters) because the rule counts after normalising; the domain has the last word.
const rawBody = text({ newlines: true }).max(20_000, "le commentaire est beaucoup trop long");
const rawSuggestion = text({ newlines: true }).max(SUGGESTION_LIMITS.replacement * 4, "le texte proposé est beaucoup trop long");
/** An encoded Yjs relative position: a few dozen bytes of base64. */
const position = z.string().max(512).regex(/^[A-Za-z0-9+/]+={0,2}$/, "position invalide");

export const episodeParams = z.object({ episodeId: idParam }).strict();
export const reviewParams = z.object({ reviewId: idParam }).strict();
export const noQuery = z.object({}).strict();
export const noBody = z.object({}).strict();

export const createReviewBody = z
  .object({
    body: rawBody,
    anchor: z.object({ start: position, end: position, quote: text({ newlines: true }).max(QUOTE_MAX_CHARS * 4) }).strict().optional(),
    threadId: idParam.optional(),
    suggestion: z.object({ replacement: rawSuggestion }).strict().optional(),
  })
  .strict()
  .refine((v) => (v.anchor === undefined) !== (v.threadId === undefined), "indiquez anchor ou threadId")
  .refine((v) => v.suggestion === undefined || v.anchor !== undefined, "une proposition ouvre un fil sur un passage");

export const rejectBody = z.object({ reason: text({ newlines: true }).max(SUGGESTION_LIMITS.reason * 4, "la raison est beaucoup trop longue").optional() }).strict();
