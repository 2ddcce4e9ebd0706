// Password rules: 12–128 characters, not in the bundled list of common passwords.
import fs from "node:fs";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

let common: Set<string> | undefined;

/** The bundled list, read once; reading a file is the one I/O here, and it never changes at run time. */
function commonPasswords(): Set<string> {
  common ??= new Set(
    fs
      .readFileSync(new URL("./common-passwords.txt", import.meta.url), "utf8")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith("#")),
  );
  return common;
}

export const isCommonPassword = (password: string): boolean => commonPasswords().has(password.trim().toLowerCase());

export type PasswordProblem = "too_short" | "too_long" | "too_common";

/** Why a password is refused, or null when it is acceptable. Lengths count characters, not UTF-16 units. */
export function passwordProblem(password: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return "too_short";
  if (length > PASSWORD_MAX) return "too_long";
  if (isCommonPassword(password) || new Set(password).size <= 2) return "too_common";
  return null;
}

export const passwordMessages: Record<PasswordProblem, string> = {
  too_short: `Le mot de passe doit faire au moins ${PASSWORD_MIN} caractères.`,
  too_long: `Le mot de passe doit faire au plus ${PASSWORD_MAX} caractères.`,
  too_common: "Ce mot de passe est trop courant : choisissez-en un autre, par exemple une phrase de plusieurs mots.",
};
