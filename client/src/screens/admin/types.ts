// The shapes the admin screens receive from /api/territories and /api/users: the servers' presenters.
import type { TerritoryView } from "../../../../server/api/territories/presenter.ts";
import type { UserView } from "../../../../server/api/users/presenter.ts";

export type Territory = TerritoryView;
export type Account = UserView;

/** The API's affiliation for a picker value ("lab" or a territory id). */
export const affiliationOf = (value: string) => (value === "lab" ? { kind: "lab" as const } : { kind: "territory" as const, territoryId: value });
