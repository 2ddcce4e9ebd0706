// The shapes of the signed-in user that leave the API (never a hash, never a session id).
import { instanceAbilities, programmeAbilities } from "../../domain/policy.ts";
import type { Membership, Programme, Territory, User } from "../../domain/types.ts";

export function presentAffiliation(user: User, territory: Territory | null) {
  if (user.affiliation.kind === "territory" && territory)
    return { kind: "territory" as const, territory: { id: territory._id, name: territory.name, kind: territory.kind } };
  return { kind: "lab" as const };
}

export function presentMe(
  user: User,
  territory: Territory | null,
  memberships: { membership: Membership; programme: Programme }[],
) {
  const roles = new Map(memberships.map(({ membership }) => [membership.programmeId, membership.role]));
  const actor = { kind: "user" as const, userId: user._id, isAdmin: user.isAdmin, roles };
  return {
    user: {
      id: user._id,
      email: user.email,
      name: user.name,
      isAdmin: user.isAdmin,
      affiliation: presentAffiliation(user, territory),
    },
    memberships: memberships.map(({ membership, programme }) => ({
      role: membership.role,
      programme: { id: programme._id, slug: programme.slug, title: programme.title },
      abilities: programmeAbilities(actor, programme._id),
    })),
    /** What the workspace offers this user beyond their programmes, from the policy. */
    abilities: instanceAbilities(actor),
  };
}
export type MeView = ReturnType<typeof presentMe>;
