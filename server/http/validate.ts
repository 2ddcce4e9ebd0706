// Validates request input with zod and turns failures into 400 errors with French messages.
import { z } from "zod";
import { refusedChar } from "../domain/characters.ts";
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

/** Text people write (names, titles, slugs, comments): a string without control or direction-override characters. */
export const text = ({ newlines = false }: { newlines?: boolean } = {}) =>
  z.string().refine(
    (value) => {
      for (let i = 0; i < value.length; i++) if (refusedChar(value.charCodeAt(i), newlines)) return false;
      return true;
    },
    newlines ? "caractères de contrôle ou de direction refusés" : "retours à la ligne, caractères de contrôle ou de direction refusés",
  );
