// Creating programmes and territories and giving roles: shared by the API, the invitations and the admin CLI.
import type { z } from "zod";
import type { createProgrammeBody } from "../api/programmes/schema.ts";
import type { createTerritoryBody } from "../api/territories/schema.ts";
import { slugify } from "../domain/slug.ts";
import type { Programme, Role, Territory } from "../domain/types.ts";
import { conflict, DuplicateKeyError, unprocessable } from "../errors.ts";
import type { Events } from "../events.ts";
import type { MembershipsRepository } from "../repositories/memberships.ts";
import type { ProgrammesRepository } from "../repositories/programmes.ts";
import type { TerritoriesRepository } from "../repositories/territories.ts";
import { newId } from "../store/ids.ts";

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

  return {
    checkTerritories,

    async createProgramme(body: z.infer<typeof createProgrammeBody>): Promise<Programme> {
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
          createdAt: at,
          updatedAt: at,
        })
        .catch(rethrow("slug_taken", "Un programme utilise déjà cette adresse."));
    },

    async createTerritory(body: z.infer<typeof createTerritoryBody>): Promise<Territory> {
      return await deps.territories
        .insert({ _id: newId(), name: body.name, kind: body.kind, createdAt: now() })
        .catch(rethrow("territory_name_taken", "Un territoire porte déjà ce nom."));
    },

    async updateTerritory(id: string, fields: Partial<z.infer<typeof createTerritoryBody>>): Promise<boolean> {
      const matched = await deps.territories
        .update(id, fields)
        .catch(rethrow("territory_name_taken", "Un territoire porte déjà ce nom."));
      return matched > 0;
    },

    /** Gives the role, or changes it when the user is already a member. */
    async grantRole(userId: string, programmeId: string, role: Role): Promise<void> {
      if (await deps.memberships.find(userId, programmeId)) await deps.memberships.setRole(userId, programmeId, role);
      else await deps.memberships.insert({ _id: newId(), userId, programmeId, role, createdAt: now() });
      deps.events.emit("access.changed", { userId, programmeId });
    },
  };
}
export type ProgrammeService = ReturnType<typeof programmeService>;
