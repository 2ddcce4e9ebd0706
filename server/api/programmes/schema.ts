// Request bodies of the programmes and members API.
import { z } from "zod";
import { PROGRAMME_STATUSES, ROLES } from "../../domain/types.ts";
import { SLUG_MAX, SLUG_PATTERN } from "../../domain/slug.ts";
import { idParam as id, text } from "../../http/validate.ts";

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "mois attendu au format AAAA-MM");
const httpUrl = z
  .string()
  .trim()
  .max(2000)
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
  title: text().trim().min(1).max(200),
  tagline: text().trim().max(300),
  intro: text({ newlines: true }).max(20_000),
  status: z.enum(PROGRAMME_STATUSES),
  period,
  territoryIds: z.array(id).max(100),
  funders: z.array(text().trim().min(1).max(200)).max(50),
  resources: z.array(z.object({ label: text().trim().min(1).max(200), url: httpUrl }).strict()).max(50),
  contactEmail: z.email().max(254).nullable(),
  licence: text().trim().min(1).max(100),
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
  })
  .strict();

export const updateProgrammeBody = z.object(fields).partial().strict();

export const memberRoleBody = z.object({ role: z.enum(ROLES) }).strict();
