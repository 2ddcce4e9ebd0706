// The episodes API as the workspace uses it: its calls, typed with the shapes the server's presenter and service export.
import type { EpisodeView, RevisionSummaryView, RevisionView } from "../../server/api/episodes/presenter.ts";
import type { ParisWallClock } from "../../server/domain/parisTime.ts";
import type { EpisodeChanges } from "../../server/services/episodes.ts";
import { api } from "./api.ts";

export type { EpisodeStatus } from "../../server/domain/types.ts";
export type Episode = EpisodeView;
export type RevisionSummary = RevisionSummaryView;
export type Revision = RevisionView;

const path = (id: string) => `/episodes/${encodeURIComponent(id)}`;

export const getEpisode = (id: string) => api<{ episode: Episode }>("GET", path(id)).then((r) => r.episode);
export const patchEpisode = (id: string, fields: EpisodeChanges) =>
  api<{ episode: Episode }>("PATCH", path(id), fields).then((r) => r.episode);
export const transition = (id: string, action: "submit" | "publish" | "update" | "unpublish" | "return-to-draft") =>
  api<{ episode: Episode }>("POST", `${path(id)}/${action}`, {}).then((r) => r.episode);
/** Schedules (or reschedules) the publication for a date and time in Paris; `cancelSchedule` removes it. */
export const scheduleEpisode = (id: string, wall: ParisWallClock) =>
  api<{ episode: Episode }>("PUT", `${path(id)}/schedule`, wall).then((r) => r.episode);
export const cancelSchedule = (id: string) => api<{ episode: Episode }>("DELETE", `${path(id)}/schedule`).then((r) => r.episode);
export const listRevisions = (id: string) => api<{ revisions: RevisionSummary[] }>("GET", `${path(id)}/revisions`).then((r) => r.revisions);
export const getRevision = (revisionId: string) =>
  api<{ revision: Revision }>("GET", `/revisions/${encodeURIComponent(revisionId)}`).then((r) => r.revision);
export const restoreRevision = (id: string, revisionId: string) =>
  api<{ episode: Episode }>("POST", `${path(id)}/revisions/${encodeURIComponent(revisionId)}/restore`, {});
export const listEpisodes = (programmeId: string) =>
  api<{ episodes: Episode[] }>("GET", `/programmes/${encodeURIComponent(programmeId)}/episodes`).then((r) => r.episodes);
export const createEpisode = (programmeId: string, title: string) =>
  api<{ episode: Episode }>("POST", `/programmes/${encodeURIComponent(programmeId)}/episodes`, { title }).then((r) => r.episode);


/** The order of episode lists: work in progress first (drafts, then reviews, latest change first), then published by number, highest first. */
export function workOrder(a: Episode, b: Episode): number {
  const rank = (e: Episode) => (e.status === "draft" ? 0 : e.status === "review" ? 1 : 2);
  return rank(a) - rank(b) || (b.number ?? 0) - (a.number ?? 0) || b.updatedAt.localeCompare(a.updatedAt);
}
