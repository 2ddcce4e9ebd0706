// Request bodies of the password reset API.
import { z } from "zod";
import { emailField, newPasswordField } from "../session/schema.ts";

export const requestResetBody = z.object({ email: emailField }).strict();
export const completeResetBody = z.object({ password: newPasswordField }).strict();
