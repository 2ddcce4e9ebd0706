// The territory as it leaves the API.
import type { Territory } from "../../domain/types.ts";

export const presentTerritory = (t: Territory) => ({ id: t._id, name: t.name, kind: t.kind, sirets: t.sirets ?? [] });
export type TerritoryView = ReturnType<typeof presentTerritory>;
