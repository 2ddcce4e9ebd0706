// Programmes, territories and members (settings, roles, the last-lead rule): shared by the API, the invitations and the admin CLI.
import { slugify } from "../domain/slug.ts";
import type { Programme, Role, Territory } from "../domain/types.ts";
import { conflict, DuplicateKeyError, notFound, unprocessable } from "../errors.ts";
import type { Events } from "../events.ts";
import type { MembershipsRepository } from "../repositories/memberships.ts";
import type { ProgrammesRepository } from "../repositories/programmes.ts";
import type { TerritoriesRepository } from "../repositories/territories.ts";
import { newId } from "../store/ids.ts";

/** A programme's settings, as the API's schemas check them. */
export type ProgrammeSettings = Omit<Programme, "_id" | "slug" | "createdAt" | "updatedAt">;
export type NewProgramme = Partial<ProgrammeSettings> & { title: string; slug?: string | undefined };
export type TerritoryFields = Pick<Territory, "name" | "kind">;

export type ProgrammeDeps = {
  programmes: ProgrammesRepository;
  territories: TerritoriesRepository;
  memberships: MembershipsRepository;
  events: Events;
  now?: () => Date;
};

const rethrow = (code: string, message: string) => (error: unknown) =>
  Promise.reject(error instanceof DuplicateKeyError ? conflict(code, message) : error);

export function programmeService(deps: ProgrammeDeps) {
  const now = deps.now ?? (() => new Date());

  async function checkTerritories(ids: string[] | undefined): Promise<void> {
    if (!ids?.length) return;
    const found = await deps.territories.byIds(ids);
    const missing = ids.find((id) => !found.some((t) => t._id === id));
    if (missing) throw unprocessable("unknown_territory", "Territoire inconnu.", { territoryId: missing });
  }

  /** A programme keeps at least one lead, so someone can always manage it without the admin. */
  async function refuseLastLead(programmeId: string, userId: string): Promise<void> {
    const leads = (await deps.memberships.forProgramme(programmeId)).filter((m) => m.role === "lead");
    if (leads.length === 1 && leads[0]!.userId === userId)
      throw conflict("last_lead", "Le programme doit garder au moins un ou une responsable.");
  }

  /** Gives the role, or changes it when the user is already a member. */
  async function grantRole(userId: string, programmeId: string, role: Role): Promise<void> {
    const membership = await deps.memberships.find(userId, programmeId);
    if (!membership) await deps.memberships.insert({ _id: newId(), userId, programmeId, role, createdAt: now() });
    else {
      if (membership.role === "lead" && role !== "lead") await refuseLastLead(programmeId, userId);
      await deps.memberships.setRole(userId, programmeId, role);
    }
    deps.events.emit("access.changed", { userId, programmeId });
  }

  return {
    async createProgramme(body: NewProgramme): Promise<Programme> {
      await checkTerritories(body.territoryIds);
      const at = now();
      return await deps.programmes
        .insert({
          _id: newId(),
          slug: body.slug ?? slugify(body.title, "programme"),
          title: body.title,
          tagline: body.tagline ?? "",
          intro: body.intro ?? "",
          status: body.status ?? "preparing",
          period: body.period ?? { start: at.toISOString().slice(0, 7), end: null },
          territoryIds: [...new Set(body.territoryIds ?? [])],
          funders: body.funders ?? [],
          resources: body.resources ?? [],
          contactEmail: body.contactEmail ?? null,
          licence: body.licence ?? "CC BY-SA 4.0",
          themes: body.themes ?? [],
          createdAt: at,
          updatedAt: at,
        })
        .catch(rethrow("slug_taken", "Un programme utilise déjà cette adresse."));
    },

    async createTerritory(body: TerritoryFields): Promise<Territory> {
      return await deps.territories
        .insert({ _id: newId(), name: body.name, kind: body.kind, createdAt: now() })
        .catch(rethrow("territory_name_taken", "Un territoire porte déjà ce nom."));
    },

    async updateTerritory(id: string, fields: Partial<TerritoryFields>): Promise<boolean> {
      const matched = await deps.territories
        .update(id, fields)
        .catch(rethrow("territory_name_taken", "Un territoire porte déjà ce nom."));
      return matched > 0;
    },

    /** Changes the given settings (undefined ones stay) and tells who caches the programme's pages. */
    async updateProgramme(programmeId: string, changes: Partial<ProgrammeSettings>): Promise<Programme> {
      await checkTerritories(changes.territoryIds);
      const fields: Partial<ProgrammeSettings> = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
      if (changes.territoryIds) fields.territoryIds = [...new Set(changes.territoryIds)];
      await deps.programmes.update(programmeId, fields);
      deps.events.emit("programme.updated", { programmeId });
      const updated = await deps.programmes.byId(programmeId);
      if (!updated) throw notFound("Programme");
      return updated;
    },

    grantRole,

    /** Changes the role of someone who is already a member (404 otherwise). */
    async changeRole(userId: string, programmeId: string, role: Role): Promise<void> {
      if (!(await deps.memberships.find(userId, programmeId))) throw notFound("Membre");
      await grantRole(userId, programmeId, role);
    },

    async removeMember(userId: string, programmeId: string): Promise<void> {
      const membership = await deps.memberships.find(userId, programmeId);
      if (!membership) throw notFound("Membre");
      if (membership.role === "lead") await refuseLastLead(programmeId, userId);
      await deps.memberships.remove(userId, programmeId);
      deps.events.emit("access.changed", { userId, programmeId });
    },
  };
}
export type ProgrammeService = ReturnType<typeof programmeService>;
