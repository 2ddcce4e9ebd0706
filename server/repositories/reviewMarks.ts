// Review rounds of episodes and the partner territories' "Relu" marks.
import { type ReviewMark, type ReviewRound, reviewMarkId } from "../domain/reviewMarks.ts";
import { DuplicateKeyError } from "../errors.ts";
import type { Store } from "../store/types.ts";

export function reviewMarksRepository(store: Store) {
  const rounds = store.collection<ReviewRound>("review_rounds");
  const marks = store.collection<ReviewMark>("review_marks");
  return {
    round: (episodeId: string) => rounds.findOne({ _id: episodeId }),
    /** Starts round `previous + 1` unless someone else already moved past `previous`; true when this call started it. */
    async startRound(episodeId: string, programmeId: string, previous: number, at: Date): Promise<boolean> {
      try {
        const done = await rounds.findOneAndUpdate(
          { _id: episodeId, round: previous },
          { $set: { programmeId, round: previous + 1, startedAt: at } },
          { upsert: true },
        );
        return done !== null;
      } catch (error) {
        // The upsert met the round another submission had just started.
        if (error instanceof DuplicateKeyError) return false;
        throw error;
      }
    },
    /** The marks given in this round. */
    marksOf: (episodeId: string, round: number) => marks.find({ episodeId, round }, { sort: { markedAt: 1, _id: 1 } }),
    put: ({ _id, ...fields }: ReviewMark) => marks.findOneAndUpdate({ _id }, { $set: fields }, { upsert: true }),
    /** Removes a territory's mark of this round; 0 when there was none. */
    withdraw: (episodeId: string, territoryId: string, round: number) =>
      marks.deleteOne({ _id: reviewMarkId(episodeId, territoryId), round }),
  };
}
export type ReviewMarksRepository = ReturnType<typeof reviewMarksRepository>;
