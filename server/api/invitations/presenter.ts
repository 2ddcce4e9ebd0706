// Invitations as they leave the API: what they are for, never their token.
import type { Programme } from "../../domain/types.ts";
import type { TokenRecord } from "../../repositories/tokens.ts";

export const presentSentInvitation = (record: TokenRecord) => ({
  email: record.email,
  role: record.role,
  programmeId: record.programmeId,
  expiresAt: record.expiresAt.toISOString(),
});

export const presentInvitation = (record: TokenRecord, programme: Programme, accountExists: boolean) => ({
  email: record.email,
  role: record.role,
  programme: { id: programme._id, slug: programme.slug, title: programme.title },
  expiresAt: record.expiresAt.toISOString(),
  /** The client asks for name and password only when no account exists; otherwise it asks to sign in. */
  accountExists,
});
