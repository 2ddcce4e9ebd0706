// The shapes the admin screens receive from /api/territories and /api/users (see the servers' presenters).
import type { TerritoryKind } from "../../../../server/domain/types.ts";

export type Territory = { id: string; name: string; kind: TerritoryKind };

export type Account = {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  active: boolean;
  affiliation: { kind: "lab" } | { kind: "territory"; territory: Territory };
};

/** The API's affiliation for a picker value ("lab" or a territory id). */
export const affiliationOf = (value: string) => (value === "lab" ? { kind: "lab" as const } : { kind: "territory" as const, territoryId: value });
