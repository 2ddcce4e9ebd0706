// The account as the admin sees it (never the password hash).
import type { Territory, User } from "../../domain/types.ts";
import { presentAffiliation } from "../session/presenter.ts";

export function presentUser(user: User, territories: ReadonlyMap<string, Territory>) {
  const territory = user.affiliation.kind === "territory" ? (territories.get(user.affiliation.territoryId) ?? null) : null;
  return {
    id: user._id,
    email: user.email,
    name: user.name,
    isAdmin: user.isAdmin,
    active: user.active,
    hasPassword: user.passwordHash !== null,
    affiliation: presentAffiliation(user, territory),
    createdAt: user.createdAt.toISOString(),
  };
}
export type UserView = ReturnType<typeof presentUser>;
