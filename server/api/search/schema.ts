// The search query, shared by the atelier's API and the public search pages.
import { z } from "zod";
import { text } from "../../http/validate.ts";

export const SEARCH_QUERY_MAX = 200;

export const searchQuery = z
  .object({
    q: text().trim().max(SEARCH_QUERY_MAX).default(""),
    page: z.coerce.number().int().min(1).max(1000).default(1),
  })
  .strict();
