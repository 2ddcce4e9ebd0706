// Suggestions (proposed wording on a review thread's passage): the record as stored, its limits and checks, without I/O.
import type { EpisodeStatus } from "./types.ts";

export type SuggestionStatus = "open" | "accepted" | "rejected";

/** Carried by a thread's first comment only; `null` on plain threads and on replies. */
export type Suggestion = {
  /** The text that replaces the passage; "" proposes to delete it. Newlines split paragraphs. */
  replacement: string;
  status: SuggestionStatus;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  /** Why it was rejected, optional. */
  reason: string | null;
  /** The proposer's territory when proposing: credited on the episode if the proposal is accepted. */
  proposerTerritoryId: string | null;
};

export const SUGGESTION_LIMITS = { replacement: 5_000, reason: 500 } as const;

/** Wording is proposed on a text still being written: a draft or an episode in review, not a published one. */
export const takesSuggestions = (status: EpisodeStatus): boolean => status !== "published";

type Checked = { ok: true; text: string } | { ok: false; code: string; message: string };

/** Normalises line ends and composition (not spaces: they may be part of the wording), then checks the length in code points. */
function checkLength(input: string, max: number, code: string, what: string): Checked {
  const text = input.replace(/\r\n?/g, "\n").normalize("NFC");
  if ([...text].length > max) return { ok: false, code, message: `${what} dépasse ${max.toLocaleString("fr-FR")} caractères.` };
  return { ok: true, text };
}

export const checkReplacement = (input: string): Checked =>
  checkLength(input, SUGGESTION_LIMITS.replacement, "suggestion_too_long", "Le texte proposé");

/** A reason left blank is no reason. */
export function checkReason(input: string | undefined): Checked {
  const checked = checkLength(input ?? "", SUGGESTION_LIMITS.reason, "reason_too_long", "La raison du refus");
  return checked.ok ? { ok: true, text: checked.text.trim() } : checked;
}
