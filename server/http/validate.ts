// Validates request input with zod and turns failures into 400 errors with French messages.
import { z } from "zod";
import { badRequest } from "../errors.ts";
import { ID_PATTERN } from "../store/ids.ts";

z.config(z.locales.fr());

/** Keys that MongoDB would read as operators or paths; refused everywhere, whatever the schema. */
function hasOperatorKey(value: unknown, depth = 0): boolean {
  if (depth > 20) return true;
  if (Array.isArray(value)) return value.some((v) => hasOperatorKey(v, depth + 1));
  if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      if (key.startsWith("$") || key.includes(".") || key === "__proto__") return true;
      if (hasOperatorKey(v, depth + 1)) return true;
    }
  }
  return false;
}

export function parse<S extends z.ZodType>(schema: S, input: unknown, where = "body"): z.infer<S> {
  if (hasOperatorKey(input)) throw badRequest("invalid_input", "Les clés commençant par « $ » ou contenant « . » sont refusées.");
  const result = schema.safeParse(input ?? {});
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.join(".");
    throw badRequest(
      "invalid_input",
      field ? `${field} : ${issue.message}` : issue.message,
      { where, issues: result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) },
    );
  }
  return result.data;
}

/** A route parameter that must be one of our ids (24 hex characters). */
export const idParam = z.string().regex(ID_PATTERN, "identifiant invalide");

/**
 * NUL, C0 and C1 controls (line breaks and tabs aside where text has lines), and the bidirectional embeddings, overrides
 * and isolates (U+202A–U+202E, U+2066–U+2069) that make a name or title read as something else.
 */
function refused(code: number, newlines: boolean): boolean {
  if (code <= 0x1f) return !(newlines && (code === 0x09 || code === 0x0a || code === 0x0d));
  return (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

/** Text people write (names, titles, slugs, comments): a string without control or direction-override characters. */
export const text = ({ newlines = false }: { newlines?: boolean } = {}) =>
  z.string().refine(
    (value) => {
      for (let i = 0; i < value.length; i++) if (refused(value.charCodeAt(i), newlines)) return false;
      return true;
    },
    newlines ? "caractères de contrôle ou de direction refusés" : "retours à la ligne, caractères de contrôle ou de direction refusés",
  );
