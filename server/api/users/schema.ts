// Request bodies of the admin accounts API.
import { z } from "zod";
import { idParam } from "../../http/validate.ts";
import { emailField, nameField, newPasswordField } from "../session/schema.ts";

export const affiliationField = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("lab") }).strict(),
  z.object({ kind: z.literal("territory"), territoryId: idParam }).strict(),
]);

/** Without a password, the new account gets a link by e-mail to choose one. */
export const createUserBody = z
  .object({
    email: emailField,
    name: nameField,
    password: newPasswordField.optional(),
    affiliation: affiliationField.default({ kind: "lab" }),
    isAdmin: z.boolean().default(false),
  })
  .strict();

export const updateUserBody = z
  .object({
    name: nameField.optional(),
    affiliation: affiliationField.optional(),
    isAdmin: z.boolean().optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), "rien à modifier");
