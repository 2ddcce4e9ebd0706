// Server-side sessions, keyed by the SHA-256 of the cookie token.
import type { Session } from "../domain/types.ts";
import type { Store } from "../store/types.ts";

export function sessionsRepository(store: Store) {
  const sessions = store.collection<Session>("sessions");
  return {
    insert: (session: Session) => sessions.insertOne(session),
    byId: (id: string) => sessions.findOne({ _id: id }),
    touch: (id: string, at: Date) => sessions.updateOne({ _id: id }, { $set: { lastSeenAt: at } }),
    delete: (id: string) => sessions.deleteOne({ _id: id }),
    deleteForUser: (userId: string, exceptId?: string) =>
      sessions.deleteMany(exceptId ? { userId, _id: { $ne: exceptId } } : { userId }),
  };
}
export type SessionsRepository = ReturnType<typeof sessionsRepository>;
