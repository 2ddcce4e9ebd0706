// The episodes API as the workspace uses it: shapes and calls, in one place to follow the server.
import { api } from "./api.ts";

export type EpisodeStatus = "draft" | "review" | "published";
export type Person = { id: string; name: string };

export type Episode = {
  id: string;
  programmeId: string;
  title: string;
  slug: string;
  summary: string;
  status: EpisodeStatus;
  number: number | null;
  authors: Person[];
  contributors: Person[];
  createdAt: string;
  updatedAt: string;
  firstPublishedAt: string | null;
  lastPublishedAt: string | null;
  room: string;
  /** For those who may publish an episode never numbered: the number publication would give now. */
  nextNumber: number | null;
};

export type RevisionSummary = { id: string; seq: number; number: number; title: string; publishedAt: string; publishedBy: Person | null };
export type Revision = RevisionSummary & { summary: string; html: string };

const path = (id: string) => `/episodes/${encodeURIComponent(id)}`;

export const getEpisode = (id: string) => api<{ episode: Episode }>("GET", path(id)).then((r) => r.episode);
export const patchEpisode = (id: string, fields: { title?: string; summary?: string; authorIds?: string[] }) =>
  api<{ episode: Episode }>("PATCH", path(id), fields).then((r) => r.episode);
export const transition = (id: string, action: "submit" | "publish" | "update" | "unpublish" | "return-to-draft") =>
  api<{ episode: Episode }>("POST", `${path(id)}/${action}`, {}).then((r) => r.episode);
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
