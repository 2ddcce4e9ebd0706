// Asks the policy and turns a refusal into 401 (not signed in) or 403 (signed in, not allowed).
import { type Action, type Actor, can, type Resource } from "../domain/policy.ts";
import { forbidden, unauthorized } from "../errors.ts";

export function authorize(actor: Actor, action: Action, resource: Resource = {}): void {
  if (can(actor, action, resource)) return;
  throw actor.kind === "anonymous" ? unauthorized() : forbidden();
}

/** The signed-in user's id, or 401. */
export function requireUserId(actor: Actor): string {
  if (actor.kind !== "user") throw unauthorized();
  return actor.userId;
}
