// The review-thread API as the workspace uses it, typed with the server presenter's shapes.
import type { ReviewListView, ReviewThreadView } from "../../../../server/api/reviews/presenter.ts";
import type { Anchor } from "../../../../collab/review/anchors.ts";
import { api } from "../../api.ts";

export type ReviewList = ReviewListView;
export type ReviewThread = ReviewThreadView;

const episodePath = (id: string) => `/episodes/${encodeURIComponent(id)}/reviews`;

export const listReviews = (episodeId: string) => api<ReviewList>("GET", episodePath(episodeId));
export const openThread = (episodeId: string, body: string, anchor: Anchor) => api("POST", episodePath(episodeId), { body, anchor });
export const replyTo = (episodeId: string, threadId: string, body: string) => api("POST", episodePath(episodeId), { body, threadId });
export const setResolved = (threadId: string, resolved: boolean) =>
  api("POST", `/reviews/${encodeURIComponent(threadId)}/${resolved ? "resolve" : "reopen"}`, {});
export const removeReview = (id: string) => api("DELETE", `/reviews/${encodeURIComponent(id)}`);
