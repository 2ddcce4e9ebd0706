// The review-thread API as the workspace uses it, typed with the server presenter's shapes.
import type { ReviewListView, ReviewThreadView, SuggestionView } from "../../../../server/api/reviews/presenter.ts";
import type { Anchor } from "../../../../collab/review/anchors.ts";
import { api } from "../../api.ts";

export type ReviewList = ReviewListView;
export type ReviewThread = ReviewThreadView;
/** A proposed wording as its thread carries it. */
export type Suggestion = NonNullable<SuggestionView>;

const episodePath = (id: string) => `/episodes/${encodeURIComponent(id)}/reviews`;
const reviewPath = (id: string, action: string) => `/reviews/${encodeURIComponent(id)}/${action}`;

export const listReviews = (episodeId: string) => api<ReviewList>("GET", episodePath(episodeId));
export const openThread = (episodeId: string, body: string, anchor: Anchor) =>
  api<Pick<ReviewThreadView, "id">>("POST", episodePath(episodeId), { body, anchor });
export const replyTo = (episodeId: string, threadId: string, body: string) => api("POST", episodePath(episodeId), { body, threadId });
export const setResolved = (threadId: string, resolved: boolean) =>
  api("POST", `/reviews/${encodeURIComponent(threadId)}/${resolved ? "resolve" : "reopen"}`, {});
export const removeReview = (id: string) => api("DELETE", `/reviews/${encodeURIComponent(id)}`);

/** A proposed wording of the passage; `body` is its optional explanation, an empty `replacement` proposes to delete it. */
export const proposeWording = (episodeId: string, anchor: Anchor, replacement: string, body: string) =>
  api("POST", episodePath(episodeId), { anchor, body, suggestion: { replacement } });
type Decided = { id: string; suggestion: Suggestion };
export const acceptSuggestion = (threadId: string) => api<Decided>("POST", reviewPath(threadId, "accept"));
export const rejectSuggestion = (threadId: string, reason: string) =>
  api<Decided>("POST", reviewPath(threadId, "reject"), reason.trim() ? { reason } : {});
