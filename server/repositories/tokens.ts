// Single-use secret links (invitations, password resets), stored by the SHA-256 of their token.
import type { Role } from "../domain/types.ts";
import type { Store } from "../store/types.ts";

export type TokenRecord = {
  /** hashToken(token): the store never holds a live link. */
  _id: string;
  kind: "invitation" | "password_reset";
  email: string;
  /** The account a reset is for; null for an invitation to someone without an account yet. */
  userId: string | null;
  programmeId: string | null;
  role: Role | null;
  territoryId: string | null;
  createdBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
};

export function tokensRepository(store: Store) {
  const tokens = store.collection<TokenRecord>("tokens");
  return {
    insert: (t: TokenRecord) => tokens.insertOne(t),
    /** A link still usable at `at` (unused, unexpired), or null. */
    usable: (id: string, kind: TokenRecord["kind"], at: Date) =>
      tokens.findOne({ _id: id, kind, usedAt: null, expiresAt: { $gt: at } }),
    /** Marks a usable link used, atomically: of two concurrent uses, only one gets the record. */
    claim: (id: string, kind: TokenRecord["kind"], at: Date) =>
      tokens.findOneAndUpdate({ _id: id, kind, usedAt: null, expiresAt: { $gt: at } }, { $set: { usedAt: at } }),
    /** Gives a claimed link back when what it was claimed for could not be done. */
    release: (id: string) => tokens.updateOne({ _id: id }, { $set: { usedAt: null } }),
    pendingInvitations: (programmeId: string, at: Date) =>
      tokens.find({ kind: "invitation", programmeId, usedAt: null, expiresAt: { $gt: at } }, { sort: { createdAt: 1 } }),
    /** Voids a pending invitation of a programme; false if there was none. */
    revokeInvitation: async (id: string, programmeId: string, at: Date) =>
      (await tokens.updateOne({ _id: id, kind: "invitation", programmeId, usedAt: null }, { $set: { usedAt: at } })) > 0,
    invitationsFor: (email: string, at: Date) =>
      tokens.find({ kind: "invitation", email, usedAt: null, expiresAt: { $gt: at } }, { sort: { createdAt: 1 } }),
    /** Voids every unused reset link of a user (after a reset or a password change). */
    voidResets: (userId: string, at: Date) =>
      tokens.updateMany({ kind: "password_reset", userId, usedAt: null }, { $set: { usedAt: at } }),
  };
}
export type TokensRepository = ReturnType<typeof tokensRepository>;
