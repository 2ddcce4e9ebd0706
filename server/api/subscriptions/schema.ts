// Input of the subscription endpoints (JSON API and HTML forms alike).
import { z } from "zod";
import { idParam } from "../../http/validate.ts";

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point (header injection)
const CONTROL = /[\u0000-\u001f\u007f]/;

/** An address that can go in a To: header as is: no control characters, no line breaks, one mailbox. */
export const emailField = z
  .string({ error: "adresse e-mail requise" })
  .max(254, "adresse e-mail trop longue")
  .refine((v) => !CONTROL.test(v), "l'adresse ne peut pas contenir de retour à la ligne ni de caractère de contrôle")
  .transform((v) => v.trim().toLowerCase())
  .pipe(z.email({ error: "adresse e-mail invalide" }));

export const subscribeBody = z
  .object({ email: emailField, programmeId: idParam.nullable().optional() })
  .strict();

/** The HTML form: `programme` is the programme id, or empty for every programme. */
export const subscribeForm = z
  .object({ email: emailField, programme: z.union([idParam, z.literal("")]).optional() })
  .strict();

export const linkToken = z.string().min(10).max(100).regex(/^[A-Za-z0-9_.-]+$/, "lien invalide");

export const tokenBody = z.object({ token: linkToken }).strict();
