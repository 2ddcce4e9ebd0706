// Request bodies of the themes API.
import { z } from "zod";
import { PROGRAMME_LIMITS } from "../../domain/limits.ts";
import { SLUG_MAX, SLUG_PATTERN } from "../../domain/slug.ts";

export const episodeThemesBody = z
  .object({ themes: z.array(z.string().max(SLUG_MAX).regex(SLUG_PATTERN, "thème inconnu")).max(PROGRAMME_LIMITS.themes) })
  .strict();
