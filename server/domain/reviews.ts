// Review threads on a draft, anchored to a passage: the records as stored and their limits, without I/O.
import type { Anchor } from "../../collab/review/anchors.ts";
import type { Suggestion } from "./suggestions.ts";

/** One comment of a review thread: the thread's first comment carries the anchor and the resolution. */
export type ReviewComment = {
  _id: string;
  episodeId: string;
  programmeId: string;
  /** null for the comment that opens a thread; replies are one level deep. */
  threadId: string | null;
  authorId: string;
  /** Name and territory as they were when posting. */
  authorName: string;
  authorTerritory: string | null;
  body: string;
  /** The passage (thread only); `quote` is the text it covered when the thread was opened. */
  anchor: Anchor | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  createdAt: Date;
  /** Proposed wording (issue 20): on a thread's first comment only; absent or null otherwise. */
  suggestion?: Suggestion | null;
};

/** The quoted passage kept with a thread: enough to recognise it once detached, no more. */
export const QUOTE_MAX_CHARS = 500;

/** The quote stored with a thread: the passage's text, shortened with an ellipsis past the limit. */
export function quoteOf(text: string): string {
  const chars = [...text.replace(/\s+/g, " ").trim()];
  return chars.length <= QUOTE_MAX_CHARS ? chars.join("") : `${chars.slice(0, QUOTE_MAX_CHARS - 1).join("")}…`;
}

/** Names mentioned as "@Name" in a text: those of `members` whose name follows an "@", longest name first. */
export function mentionedIn<T extends { name: string }>(body: string, members: readonly T[]): T[] {
  const lower = body.toLocaleLowerCase("fr");
  return [...members]
    .sort((a, b) => b.name.length - a.name.length)
    .filter((m) => m.name.trim() !== "" && lower.includes(`@${m.name.toLocaleLowerCase("fr")}`));
}
