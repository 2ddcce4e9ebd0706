// Request bodies of the territories API.
import { z } from "zod";
import { TERRITORY_KINDS } from "../../domain/types.ts";
import { text } from "../../http/validate.ts";

const name = text().trim().min(1).max(160);

export const createTerritoryBody = z.object({ name, kind: z.enum(TERRITORY_KINDS) }).strict();

export const updateTerritoryBody = z
  .object({ name: name.optional(), kind: z.enum(TERRITORY_KINDS).optional() })
  .strict()
  .refine((b) => b.name !== undefined || b.kind !== undefined, "rien à modifier");

export const siretsBody = z.object({ sirets: z.array(z.string().regex(/^\d{14}$/, "un SIRET a 14 chiffres")).max(200) }).strict();
