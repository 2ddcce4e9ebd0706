// Invitations as they leave the API: what they are for, never their token.
import type { Programme, Territory } from "../../domain/types.ts";
import type { TokenRecord } from "../../repositories/tokens.ts";

export const presentSentInvitation = (record: TokenRecord) => ({
  email: record.email,
  role: record.role,
  programmeId: record.programmeId,
  expiresAt: record.expiresAt.toISOString(),
});

/** A pending invitation for the programme's leads, who resend or revoke it by its id. */
export const presentPendingInvitation = (record: TokenRecord, territories: ReadonlyMap<string, Territory>) => {
  const territory = record.territoryId ? territories.get(record.territoryId) : undefined;
  return {
    id: record._id,
    ...presentSentInvitation(record),
    territory: territory ? { id: territory._id, name: territory.name } : null,
    createdAt: record.createdAt.toISOString(),
  };
};

export const presentInvitation = (record: TokenRecord, programme: Programme, accountExists: boolean) => ({
  email: record.email,
  role: record.role,
  programme: { id: programme._id, slug: programme.slug, title: programme.title },
  expiresAt: record.expiresAt.toISOString(),
  /** The client asks for name and password only when no account exists; otherwise it asks to sign in. */
  accountExists,
});
