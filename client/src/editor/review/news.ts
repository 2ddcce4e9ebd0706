// What a fresh list of review threads has to say aloud: someone else's new comment or proposal, a decision, a deletion.
import type { T } from "../../i18n.tsx";
import type { ReviewList } from "./reviews.ts";

/** Every comment id of the last list, with its proposal's status ("" for a plain comment). */
export type Seen = Map<string, string>;

export function newsOf(seen: Seen | null, list: ReviewList, userId: string, t: T): { said: string | null; seen: Seen } {
  const comments = list.threads.flatMap((th) => [th, ...th.replies.map((r) => ({ ...r, suggestion: null }))]);
  const now: Seen = new Map(comments.map((c) => [c.id, c.suggestion?.status ?? ""]));
  // The first list is what was there: nothing to say.
  if (!seen) return { said: null, seen: now };
  const fresh = comments.filter((c) => !seen.has(c.id) && c.author.id !== userId).at(-1);
  if (fresh) return { said: t(fresh.suggestion ? "atelier.suggestions.announce" : "atelier.reviews.announce", { name: fresh.author.name }), seen: now };
  const decided = list.threads.find((th) => th.suggestion?.decidedBy && th.suggestion.decidedBy.id !== userId && seen.get(th.id) === "open");
  if (decided?.suggestion?.decidedBy) {
    const key = decided.suggestion.status === "accepted" ? "atelier.suggestions.announceAccepted" : "atelier.suggestions.announceRejected";
    return { said: t(key, { name: decided.author.name, by: decided.suggestion.decidedBy.name }), seen: now };
  }
  if ([...seen.keys()].some((id) => !now.has(id))) return { said: t("atelier.reviews.deleted"), seen: now };
  return { said: null, seen: now };
}
