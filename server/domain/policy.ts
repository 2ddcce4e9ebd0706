// The one access policy: "may this actor do this action on this resource", from the brief's table.
import type { EpisodeStatus, Role } from "./types.ts";

/** Who is asking: anonymous, or a signed-in user with their roles per programme. */
export type Actor =
  | { kind: "anonymous" }
  | { kind: "user"; userId: string; isAdmin: boolean; roles: ReadonlyMap<string, Role> };

export const anonymous: Actor = { kind: "anonymous" };

export type Action =
  | "programme.read"
  | "programme.update"
  | "programme.members.manage"
  | "programme.create"
  | "territory.manage"
  | "user.manage"
  | "episode.readPublished"
  | "episode.readReview"
  | "episode.readDraft"
  | "episode.create"
  | "episode.edit"
  | "episode.publish"
  | "episode.comment"
  | "comment.moderate"
  | "subscription.create"
  | "subscribers.count"
  | "subscribers.export";

export type Resource = { programmeId?: string; episodeStatus?: EpisodeStatus };

const TEAM: readonly Role[] = ["lead", "editor"];
const MEMBERS: readonly Role[] = ["lead", "editor", "partner"];

function roleIn(actor: Actor, programmeId: string | undefined): Role | undefined {
  if (actor.kind !== "user" || !programmeId) return undefined;
  return actor.roles.get(programmeId);
}

/** The table of the brief. Admins may do everything; nothing else in Carnet decides access. */
export function can(actor: Actor, action: Action, resource: Resource = {}): boolean {
  if (actor.kind === "user" && actor.isAdmin) return true;
  const role = roleIn(actor, resource.programmeId);
  const has = (roles: readonly Role[]) => role !== undefined && roles.includes(role);
  switch (action) {
    case "programme.read":
    case "episode.readPublished":
    case "subscription.create":
      return true;
    case "episode.readReview":
      return has(MEMBERS);
    case "episode.readDraft":
    case "episode.create":
    case "episode.edit":
    case "episode.publish":
    case "comment.moderate":
    case "subscribers.count":
      return has(TEAM);
    case "episode.comment":
      // Members comment on published episodes; on an episode in review, the comments stay among members.
      return has(MEMBERS) && (resource.episodeStatus === "published" || resource.episodeStatus === "review");
    case "programme.update":
    case "programme.members.manage":
      return has(["lead"]);
    case "programme.create":
    case "territory.manage":
    case "user.manage":
    case "subscribers.export":
      return false;
  }
}

/** May the actor see this episode at all, given its status? */
export function canReadEpisode(actor: Actor, programmeId: string, status: EpisodeStatus): boolean {
  const action = status === "published" ? "episode.readPublished" : status === "review" ? "episode.readReview" : "episode.readDraft";
  return can(actor, action, { programmeId });
}

/** What the collaboration socket grants on an episode body: nothing, read-only, or read-write. */
export function collabAccess(actor: Actor, programmeId: string, status: EpisodeStatus): "none" | "read" | "write" {
  if (can(actor, "episode.edit", { programmeId })) return "write";
  if (status === "review" && can(actor, "episode.readReview", { programmeId })) return "read";
  return "none";
}
