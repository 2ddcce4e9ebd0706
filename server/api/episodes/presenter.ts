// The shapes of episodes and revisions that leave the API (never the Yjs state).
import { episodeRoom } from "../../../collab/schema/rooms.ts";
import type { EpisodeAbilities } from "../../domain/policy.ts";
import { toParis } from "../../domain/parisTime.ts";
import type { EpisodeSchedule } from "../../domain/schedules.ts";
import { creditedIds } from "../../domain/credits.ts";
import type { Episode, Revision, User } from "../../domain/types.ts";

type People = ReadonlyMap<string, User>;
const person = (people: People, id: string) => ({ id, name: people.get(id)?.name ?? "" });
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A scheduled publication as the team sees it: the instant, its Paris wall clock, and why it failed if it did. */
function presentSchedule(s: EpisodeSchedule) {
  return { at: s.at.toISOString(), paris: toParis(s.at), status: s.status, failure: s.failure };
}

/**
 * `nextNumber`: the number publication would give now, for an episode never numbered, told only to
 * those who may publish it (null otherwise); a preview, since someone else may publish first.
 * `abilities`: what the asking actor may do with it, from the policy; the workspace shows and hides from it only.
 * `schedule`: its scheduled publication, given only to those who may read drafts.
 */
export function presentEpisode(
  e: Episode,
  people: People,
  abilities: EpisodeAbilities,
  nextNumber: number | null = null,
  schedule: EpisodeSchedule | null = null,
) {
  return {
    id: e._id,
    programmeId: e.programmeId,
    number: e.number,
    nextNumber: e.number === null ? nextNumber : null,
    title: e.title,
    slug: e.slug,
    previousSlugs: e.previousSlugs,
    /** Whether an editor chose the slug (else the first publication derives it from the title). */
    slugChosen: e.slugChosen === true,
    summary: e.summary,
    status: e.status,
    authors: creditedIds(e).map((id) => person(people, id)),
    contributors: e.contributorIds.map((id) => person(people, id)),
    /** The collaboration room of the body (y-websocket at /collab/<room>). */
    room: episodeRoom(e._id),
    commentsClosed: e.commentsClosed,
    themes: e.themes,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
    firstPublishedAt: iso(e.firstPublishedAt),
    lastPublishedAt: iso(e.lastPublishedAt),
    schedule: schedule && e.status !== "published" ? presentSchedule(schedule) : null,
    abilities,
  };
}
export type EpisodeView = ReturnType<typeof presentEpisode>;

export function presentRevisionSummary(r: Revision, people: People) {
  return {
    id: r._id,
    episodeId: r.episodeId,
    seq: r.seq,
    number: r.number,
    title: r.title,
    slug: r.slug,
    summary: r.summary,
    authors: r.authorIds.map((id) => person(people, id)),
    publishedBy: person(people, r.publishedBy),
    publishedAt: r.publishedAt.toISOString(),
  };
}

export type RevisionSummaryView = ReturnType<typeof presentRevisionSummary>;

export function presentRevision(r: Revision, people: People) {
  return { ...presentRevisionSummary(r, people), html: r.html, content: JSON.parse(r.lexicalJson) as unknown };
}
export type RevisionView = ReturnType<typeof presentRevision>;
