// Partner territories.
import type { Territory } from "../domain/types.ts";
import type { Store } from "../store/types.ts";

export function territoriesRepository(store: Store) {
  const territories = store.collection<Territory>("territories");
  return {
    insert: (t: Territory) => territories.insertOne(t),
    byId: (id: string) => territories.findOne({ _id: id }),
    byIds: (ids: string[]) => territories.find({ _id: { $in: ids } }, { sort: { name: 1 } }),
    byName: (name: string) => territories.findOne({ name }),
    bySiret: (siret: string) => territories.findOne({ sirets: siret }),
    list: () => territories.find({}, { sort: { name: 1 } }),
    update: (id: string, fields: Partial<Omit<Territory, "_id">>) => territories.updateOne({ _id: id }, { $set: fields }),
    delete: (id: string) => territories.deleteOne({ _id: id }),
  };
}
export type TerritoriesRepository = ReturnType<typeof territoriesRepository>;
