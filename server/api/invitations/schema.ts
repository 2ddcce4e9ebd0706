// Request bodies and the link token of the invitations API.
import { z } from "zod";
import { ROLES } from "../../domain/types.ts";
import { idParam } from "../../http/validate.ts";
import { emailField, nameField, newPasswordField } from "../session/schema.ts";

export const createInvitationBody = z
  .object({ email: emailField, role: z.enum(ROLES), territoryId: idParam.optional() })
  .strict();

/** A pending invitation's id: the SHA-256 (hex) its link is stored under. */
export const invitationIdParam = z.string().regex(/^[0-9a-f]{64}$/);

/** Name and password only for a new account; an existing one accepts signed in, with an empty body. */
export const acceptInvitationBody = z.object({ name: nameField.optional(), password: newPasswordField.optional() }).strict();
