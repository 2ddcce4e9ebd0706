// The secret token of an e-mailed link (invitation, password reset) as a route parameter.
import { z } from "zod";
import { invalidLink } from "../services/passwordResets.ts";

/** newToken() gives 43 base64url characters; anything else cannot be one of our links. */
const linkToken = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);

/** The token, or the same 404 as an unknown link. */
export function linkTokenParam(value: unknown): string {
  const parsed = linkToken.safeParse(value);
  if (!parsed.success) throw invalidLink();
  return parsed.data;
}
