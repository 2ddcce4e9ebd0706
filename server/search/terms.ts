// French text to search terms: words found with their offsets, case and accents folded, stems from Snowball, stop words dropped.
import { stemmer } from "@orama/stemmers/french";
import { stopwords } from "@orama/stopwords/french";

export type Token = { term: string; start: number; end: number };

const WORD = /[\p{L}\p{N}]+/gu;
// Ligatures have no decomposition: "cœur" and "coeur" are one word to a reader.
const fold = (word: string) => word.normalize("NFD").replace(/\p{M}/gu, "").replaceAll("œ", "oe").replaceAll("æ", "ae");
const STOP = new Set(stopwords.map((w) => fold(w.toLowerCase())));

// Stemming is the costly step and journals reuse their words: known words skip it. Bounded, emptied when full.
const known = new Map<string, string | null>();
const KNOWN_MAX = 100_000;

/** A word's search term, or null for a stop word or a lone letter (the "l" of "l'écologie"). */
export function termOf(word: string): string | null {
  const hit = known.get(word);
  if (hit !== undefined) return hit;
  if (known.size >= KNOWN_MAX) known.clear();
  const term = computeTerm(word);
  known.set(word, term);
  return term;
}

function computeTerm(word: string): string | null {
  const lower = word.toLowerCase();
  if (lower.length < 2 && !/\p{N}/u.test(lower)) return null;
  if (STOP.has(fold(lower))) return null;
  // Stemming the accented word is more accurate; folding the stem lets "ecologie" meet "écologie".
  return fold(stemmer(lower));
}

/** Every word of the text that carries a term, with where it stands (for highlighting). */
export function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const term = termOf(match[0]);
    if (term) out.push({ term, start: match.index, end: match.index + match[0].length });
  }
  return out;
}

/** The distinct terms of a query, in the order typed. */
export const queryTerms = (query: string): string[] => [...new Set(tokens(query).map((t) => t.term))];
