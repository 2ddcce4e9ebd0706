// Users in the store; e-mails are kept lower-cased so uniqueness ignores case.
import type { User } from "../domain/types.ts";
import type { Store } from "../store/types.ts";

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export function usersRepository(store: Store) {
  const users = store.collection<User>("users");
  return {
    insert: (user: User) => users.insertOne({ ...user, email: normaliseEmail(user.email) }),
    byId: (id: string) => users.findOne({ _id: id }),
    byEmail: (email: string) => users.findOne({ email: normaliseEmail(email) }),
    /** The account holding this provider identity ("<provider id> <subject>"). */
    bySubject: (subject: string) => users.findOne({ oidcSubjects: subject }),
    /** Accounts still affiliated to the lab (admins aside) whose provider gave one of these SIRET join the territory. */
    placeBySiret: (sirets: string[], territoryId: string) =>
      users.updateMany(
        { siret: { $in: sirets }, "affiliation.kind": "lab", isAdmin: false },
        { $set: { affiliation: { kind: "territory", territoryId } } },
      ),
    byIds: (ids: string[]) => users.find({ _id: { $in: ids } }),
    list: () => users.find({}, { sort: { name: 1 } }),
    update: (id: string, fields: Partial<Omit<User, "_id">>) => users.updateOne({ _id: id }, { $set: fields }),
    count: () => users.count({}),
  };
}
export type UsersRepository = ReturnType<typeof usersRepository>;
