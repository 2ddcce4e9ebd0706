// An episode's title and summary as the store keeps them, read from what editors typed in the shared document.
import { refusedChar } from "./characters.ts";
import { EPISODE_LIMITS } from "./limits.ts";

export type EpisodeMeta = { title: string; summary: string };

/**
 * A document cannot refuse an edit, so the store takes the nearest valid text: refused characters
 * dropped (a title's line breaks become spaces), trimmed, cut at the limit the editor also enforces.
 */
function clean(raw: string, newlines: boolean, max: number): string {
  let out = "";
  for (const ch of newlines ? raw : raw.replace(/[\r\n\t]+/g, " ")) if (!refusedChar(ch.charCodeAt(0), newlines)) out += ch;
  out = out.trim();
  if (out.length <= max) return out;
  // Never cut a surrogate pair in two.
  const cut = /[\ud800-\udbff]/.test(out[max - 1] ?? "") ? max - 1 : max;
  return out.slice(0, cut).trimEnd();
}

/**
 * The title and summary to store from a document's texts; an empty title keeps `current`'s (an episode always
 * has one), so the store never holds a title the API would refuse.
 */
export function metaFromDocument(raw: EpisodeMeta, current: EpisodeMeta): EpisodeMeta {
  const title = clean(raw.title, false, EPISODE_LIMITS.title);
  return { title: title || current.title, summary: clean(raw.summary, true, EPISODE_LIMITS.summary) };
}
