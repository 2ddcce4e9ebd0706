// Review rounds and the "Relu" marks of partner territories, as stored, and when a new round begins.

/** A submission for review less than this long after the last round's start continues that round: no second e-mail, marks kept. */
export const REVIEW_ROUND_QUIET_MS = 60 * 60 * 1000;

/** The comment a territory may leave with its mark. */
export const REVIEW_MARK_COMMENT_MAX = 500;

/** An episode's current review round; `_id` is the episode's id. */
export type ReviewRound = { _id: string; programmeId: string; round: number; startedAt: Date };

/** One territory's "Relu" on an episode; `_id` is "<episodeId>:<territoryId>", so a territory has one mark at a time. */
export type ReviewMark = {
  _id: string;
  episodeId: string;
  programmeId: string;
  territoryId: string;
  /** The round it was given in: a mark of an earlier round no longer counts. */
  round: number;
  userId: string;
  comment: string;
  markedAt: Date;
};

export const reviewMarkId = (episodeId: string, territoryId: string) => `${episodeId}:${territoryId}`;

/** Does a submission at `now` open a new round (sending the review request), or continue the last one? */
export const opensNewRound = (last: Pick<ReviewRound, "startedAt"> | null, now: Date): boolean =>
  last === null || now.getTime() - last.startedAt.getTime() >= REVIEW_ROUND_QUIET_MS;
