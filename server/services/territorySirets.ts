// The admin's mapping of organisation numbers (SIRET) to territories, and the accounts it places at once.
import type { TerritoriesRepository } from "../repositories/territories.ts";
import type { UsersRepository } from "../repositories/users.ts";
import { conflict, notFound } from "../errors.ts";

export function territorySiretService(deps: { territories: TerritoriesRepository; users: UsersRepository }) {
  return {
    /** Replaces a territory's SIRET list; a number belongs to one territory only. Unplaced accounts with one of them join it. */
    async set(territoryId: string, sirets: string[]) {
      const territory = await deps.territories.byId(territoryId);
      if (!territory) throw notFound("Territoire");
      const unique = [...new Set(sirets)];
      for (const siret of unique) {
        const holder = await deps.territories.bySiret(siret);
        if (holder && holder._id !== territoryId)
          throw conflict("siret_taken", `Le SIRET ${siret} est déjà rattaché au territoire « ${holder.name} ».`, { siret });
      }
      await deps.territories.update(territoryId, { sirets: unique });
      await deps.users.placeBySiret(unique, territoryId);
      return { ...territory, sirets: unique };
    },
  };
}
export type TerritorySiretService = ReturnType<typeof territorySiretService>;
