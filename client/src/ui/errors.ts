// Turns a failed API call into text for the screen, in the workspace language where the catalogue knows the code.
import { fr, type MessageKey } from "../../../i18n/fr.ts";
import { ApiError } from "../api.ts";
import type { T } from "../i18n.tsx";

/** The catalogue's words for a known error code; else the server's own (French) message; else "no answer". */
export function errorText(e: unknown, t: T): string {
  if (!(e instanceof ApiError) || e.status === 0) return t("atelier.error.network");
  // An address the browser's own check lets through ("nadia@grenoble"): words to act on, in the workspace language.
  if (e.code === "invalid_input" && /(^|\.)\w*email$/i.test(e.field)) return t("atelier.apiError.invalid_email");
  return codeText(e.code, e.message, t) || t("atelier.error.network");
}

/** The catalogue's words for an error code, else the server's own (French) message. */
export function codeText(code: string, message: string, t: T): string {
  const key = `atelier.apiError.${code}`;
  return key in fr ? t(key as MessageKey) : message;
}
