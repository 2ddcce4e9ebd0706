// The shape of an episode's review state that leaves the API: each partner territory, read or not in this round.
import type { ReviewMark } from "../../domain/reviewMarks.ts";
import type { Territory, User } from "../../domain/types.ts";

export function presentReview(
  state: { startedAt: Date | null; territories: Territory[]; marks: ReviewMark[] },
  people: ReadonlyMap<string, User>,
  abilities: { markRead: boolean; territoryId: string | null },
) {
  const marks = new Map(state.marks.map((m) => [m.territoryId, m]));
  return {
    /** When this review round began (null: never submitted since marks exist). */
    startedAt: state.startedAt?.toISOString() ?? null,
    territories: state.territories.map((t) => {
      const mark = marks.get(t._id);
      return {
        id: t._id,
        name: t.name,
        read: mark
          ? { at: mark.markedAt.toISOString(), by: { id: mark.userId, name: people.get(mark.userId)?.name ?? "" }, comment: mark.comment }
          : null,
      };
    }),
    /** `territoryId`: the territory in whose name the asking actor marks, when `markRead`. */
    abilities,
  };
}
export type ReviewView = ReturnType<typeof presentReview>;
