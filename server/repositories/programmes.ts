// Programmes (each owns a journal).
import type { Programme } from "../domain/types.ts";
import type { Store } from "../store/types.ts";

export function programmesRepository(store: Store) {
  const programmes = store.collection<Programme>("programmes");
  return {
    insert: (p: Programme) => programmes.insertOne(p),
    byId: (id: string) => programmes.findOne({ _id: id }),
    bySlug: (slug: string) => programmes.findOne({ slug }),
    byIds: (ids: string[]) => programmes.find({ _id: { $in: ids } }, { sort: { title: 1 } }),
    list: () => programmes.find({}, { sort: { title: 1 } }),
    update: (id: string, fields: Partial<Omit<Programme, "_id">>) =>
      programmes.updateOne({ _id: id }, { $set: { ...fields, updatedAt: new Date() } }),
  };
}
export type ProgrammesRepository = ReturnType<typeof programmesRepository>;
