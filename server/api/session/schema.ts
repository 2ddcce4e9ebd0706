// Request bodies of sign-in and password change, and the account fields other account routes share.
import { z } from "zod";
import { text } from "../../http/validate.ts";

export const emailField = z.string().trim().toLowerCase().max(254).pipe(z.email("adresse e-mail invalide"));
export const nameField = text().trim().min(1).max(120);
/** Rules (12–128, not common) are the domain's; this bound only keeps hashing cheap. */
export const newPasswordField = z.string().max(1024);
const givenPassword = z.string().min(1).max(1024);

export const signInBody = z.object({ email: emailField, password: givenPassword }).strict();

export const changePasswordBody = z.object({ currentPassword: givenPassword, newPassword: newPasswordField }).strict();
