// Who an episode credits: those the team ticked, and everyone who wrote in the body unless the team unticked them.
import type { Episode } from "./types.ts";

type Credits = Pick<Episode, "authorIds" | "contributorIds" | "uncreditedIds">;

export const creditedIds = (e: Credits): string[] => {
  const unticked = new Set(e.uncreditedIds ?? []);
  return [...new Set([...e.authorIds, ...e.contributorIds.filter((id) => !unticked.has(id))])];
};

/** The writers a ticked list leaves out: they stay uncredited even when they write again. */
export const uncreditedAfter = (e: Credits, ticked: string[]): string[] => e.contributorIds.filter((id) => !ticked.includes(id));
