// Validates request input with zod and turns failures into 400 errors with French messages.
import { z } from "zod";
import { badRequest } from "../errors.ts";

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
export const idParam = z.string().regex(/^[a-f0-9]{24}$/, "identifiant invalide");
