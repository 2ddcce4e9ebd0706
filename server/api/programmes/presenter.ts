// The shapes of programmes and their members that leave the API.
import type { ProgrammeAbilities } from "../../domain/policy.ts";
import type { Membership, Programme, Role, Territory, User } from "../../domain/types.ts";

/** `abilities`: what the asking actor may do with it, from the policy; the workspace shows and hides from it only. */
export function presentProgramme(p: Programme, territories: Territory[], role: Role | null, abilities: ProgrammeAbilities) {
  return {
    id: p._id,
    slug: p.slug,
    title: p.title,
    tagline: p.tagline,
    intro: p.intro,
    status: p.status,
    period: p.period,
    territoryIds: p.territoryIds,
    territories: p.territoryIds
      .map((id) => territories.find((t) => t._id === id))
      .filter((t): t is Territory => t !== undefined)
      .map((t) => ({ id: t._id, name: t.name, kind: t.kind })),
    funders: p.funders,
    resources: p.resources,
    contactEmail: p.contactEmail,
    licence: p.licence,
    themes: p.themes,
    /** The asking user's role in it (null: none). */
    role,
    abilities,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export type ProgrammeView = ReturnType<typeof presentProgramme>;

export function presentMember(m: Membership, user: User | undefined, territories: Territory[]) {
  const territoryId = user?.affiliation.kind === "territory" ? user.affiliation.territoryId : null;
  const territory = territoryId ? territories.find((t) => t._id === territoryId) : undefined;
  return {
    userId: m.userId,
    name: user?.name ?? "",
    email: user?.email ?? "",
    active: user?.active ?? false,
    role: m.role,
    territory: territory ? { id: territory._id, name: territory.name } : null,
    since: m.createdAt.toISOString(),
  };
}
export type MemberView = ReturnType<typeof presentMember>;
