// Request bodies of the programmes and members API.
import { z } from "zod";
import { MONTH_PATTERN, PROGRAMME_LIMITS as MAX } from "../../domain/limits.ts";
import { PROGRAMME_STATUSES, ROLES } from "../../domain/types.ts";
import { SLUG_MAX, SLUG_PATTERN } from "../../domain/slug.ts";
import { idParam as id, text } from "../../http/validate.ts";
import { duplicateSlug, normaliseThemes } from "../../domain/themes.ts";

const month = z.string().regex(MONTH_PATTERN, "mois attendu au format AAAA-MM");
const httpUrl = z
  .string()
  .trim()
  .max(MAX.url)
  .refine((value) => {
    try {
      return ["http:", "https:"].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, "adresse http(s) attendue");

const period = z
  .object({ start: month, end: month.nullable() })
  .strict()
  .refine((p) => p.end === null || p.end >= p.start, "la fin doit suivre le début");

const fields = {
  title: text().trim().min(1).max(MAX.title),
  tagline: text().trim().max(MAX.tagline),
  intro: text({ newlines: true }).max(MAX.intro),
  status: z.enum(PROGRAMME_STATUSES),
  period,
  territoryIds: z.array(id).max(MAX.territories),
  funders: z.array(text().trim().min(1).max(MAX.funder)).max(MAX.funders),
  resources: z.array(z.object({ label: text().trim().min(1).max(MAX.resourceLabel), url: httpUrl }).strict()).max(MAX.resources),
  contactEmail: z.email().max(MAX.email).nullable(),
  licence: text().trim().min(1).max(MAX.licence),
  themes: z
    .array(
      z
        .object({
          slug: z.string().max(SLUG_MAX).regex(SLUG_PATTERN, "lettres minuscules, chiffres et tirets").optional(),
          label: text().trim().min(1).max(MAX.themeLabel),
        })
        .strict(),
    )
    .max(MAX.themes)
    .transform(normaliseThemes)
    .refine((themes) => duplicateSlug(themes) === undefined, "deux thèmes portent le même nom"),
};

export const createProgrammeBody = z
  .object({
    ...fields,
    slug: z.string().max(SLUG_MAX).regex(SLUG_PATTERN, "lettres minuscules, chiffres et tirets").optional(),
    tagline: fields.tagline.optional(),
    intro: fields.intro.optional(),
    status: fields.status.optional(),
    period: period.optional(),
    territoryIds: fields.territoryIds.optional(),
    funders: fields.funders.optional(),
    resources: fields.resources.optional(),
    contactEmail: fields.contactEmail.optional(),
    licence: fields.licence.optional(),
    themes: fields.themes.optional(),
  })
  .strict();

export const updateProgrammeBody = z.object(fields).partial().strict();

export const memberRoleBody = z.object({ role: z.enum(ROLES) }).strict();
