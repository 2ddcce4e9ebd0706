// Memberships: a user's role in a programme.
import type { Membership, Role } from "../domain/types.ts";
import type { Store } from "../store/types.ts";

export function membershipsRepository(store: Store) {
  const memberships = store.collection<Membership>("memberships");
  return {
    insert: (m: Membership) => memberships.insertOne(m),
    forUser: (userId: string) => memberships.find({ userId }),
    forProgramme: (programmeId: string) => memberships.find({ programmeId }, { sort: { createdAt: 1 } }),
    find: (userId: string, programmeId: string) => memberships.findOne({ userId, programmeId }),
    setRole: (userId: string, programmeId: string, role: Role) =>
      memberships.updateOne({ userId, programmeId }, { $set: { role } }),
    remove: (userId: string, programmeId: string) => memberships.deleteOne({ userId, programmeId }),
  };
}
export type MembershipsRepository = ReturnType<typeof membershipsRepository>;
