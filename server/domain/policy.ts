// The one access policy: "may this actor do this action on this resource", from the brief's table.
import { type Comment, canEditBody } from "./comments.ts";
import { allowed } from "./episodes.ts";
import { type SuggestionStatus, takesSuggestions } from "./suggestions.ts";
import type { EpisodeStatus, Role } from "./types.ts";

/** Who is asking: anonymous, or a signed-in user with their roles per programme. */
export type Actor =
  | { kind: "anonymous" }
  | { kind: "user"; userId: string; isAdmin: boolean; roles: ReadonlyMap<string, Role>; territoryId?: string | null };

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
  | "episode.markRead"
  | "comment.moderate"
  | "review.comment"
  | "review.suggest"
  | "subscription.create"
  | "subscribers.count"
  | "subscribers.export"
  | "programme.export"
  | "instance.export";

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
    case "episode.markRead":
      // "Relu" is a partner territory's word on a draft submitted for review.
      return has(["partner"]) && resource.episodeStatus === "review";
    case "review.comment":
      // Review threads are for whoever may read the draft's text: the team always, partners once it is shared.
      return has(TEAM) || (has(MEMBERS) && (resource.episodeStatus === "review" || resource.episodeStatus === "published"));
    case "review.suggest":
      // Proposing wording is reviewing: the same audience, but only while the text is a draft or in review.
      return has(TEAM) || (has(MEMBERS) && resource.episodeStatus === "review");
    case "programme.update":
    case "programme.members.manage":
    case "programme.export":
      return has(["lead"]);
    case "programme.create":
    case "territory.manage":
    case "user.manage":
    case "subscribers.export":
    case "instance.export":
      return false;
  }
}

/** What a member with this role (not an admin) may do in their programme, e.g. who the team is for notices. */
export const roleMay = (role: Role, action: Action, on: Omit<Resource, "programmeId"> = {}): boolean =>
  can({ kind: "user", userId: "member", isAdmin: false, roles: new Map([["programme", role]]) }, action, { ...on, programmeId: "programme" });

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

/** Programmes an actor is shown in lists: every one (admin; anonymous sees public fields) or those they belong to. */
export function listedProgrammes(actor: Actor): "all" | string[] {
  if (actor.kind === "anonymous" || actor.isAdmin) return "all";
  return [...actor.roles.keys()];
}

/** Programmes whose comments the actor moderates: every one (admin) or those where their role may. */
export function moderationScope(actor: Actor): "all" | string[] {
  if (actor.kind === "anonymous") return [];
  if (actor.isAdmin) return "all";
  return [...actor.roles.keys()].filter((programmeId) => can(actor, "comment.moderate", { programmeId }));
}

/** Who may be credited as an episode's author: a member of its programme, or an admin. */
export const mayBeCredited = (user: { isAdmin: boolean }, isMember: boolean): boolean => isMember || user.isAdmin;

type CommentSeen = Pick<Comment, "programmeId" | "authorId" | "status" | "audience">;

/** Members-only comments (written during review) are for those who may read episodes in review. */
export const seesAudience = (actor: Actor, comment: Pick<Comment, "programmeId" | "audience">): boolean =>
  comment.audience !== "members" || can(actor, "episode.readReview", { programmeId: comment.programmeId });

/** A hidden comment stays visible to its author and to the programme's moderators; a deleted one to nobody. */
export function canSeeComment(actor: Actor, comment: CommentSeen): boolean {
  if (comment.status === "deleted" || !seesAudience(actor, comment)) return false;
  if (comment.status === "visible") return true;
  return isAuthor(actor, comment) || can(actor, "comment.moderate", { programmeId: comment.programmeId });
}

const isAuthor = (actor: Actor, comment: Pick<Comment, "authorId">) => actor.kind === "user" && actor.userId === comment.authorId;

type EpisodeSeen = { programmeId: string; status: EpisodeStatus; commentsClosed: boolean };

/** May the actor post a comment on this episode now (its status, and comments not closed)? */
export const mayComment = (actor: Actor, episode: EpisodeSeen): boolean =>
  !episode.commentsClosed && can(actor, "episode.comment", { programmeId: episode.programmeId, episodeStatus: episode.status });

/** The territory in whose name the actor may mark this episode "Relu" now, or null. */
export function markReadTerritory(actor: Actor, episode: Pick<EpisodeSeen, "programmeId" | "status">): string | null {
  if (actor.kind !== "user" || !actor.territoryId) return null;
  return can(actor, "episode.markRead", { programmeId: episode.programmeId, episodeStatus: episode.status }) ? actor.territoryId : null;
}

/** What the actor may do across the instance (the workspace's administration screens). */
export const instanceAbilities = (actor: Actor) => ({
  administer: can(actor, "user.manage"),
  createProgramme: can(actor, "programme.create"),
  exportInstance: can(actor, "instance.export"),
});
export type InstanceAbilities = ReturnType<typeof instanceAbilities>;

/** What the actor may do with a programme, sent with it so the workspace decides nothing. */
export function programmeAbilities(actor: Actor, programmeId: string) {
  const on = { programmeId };
  return {
    edit: can(actor, "programme.update", on),
    manageMembers: can(actor, "programme.members.manage", on),
    createEpisode: can(actor, "episode.create", on),
    readDrafts: can(actor, "episode.readDraft", on),
    moderate: can(actor, "comment.moderate", on),
    seeSubscribers: can(actor, "subscribers.count", on),
    exportProgramme: can(actor, "programme.export", on),
  };
}
export type ProgrammeAbilities = ReturnType<typeof programmeAbilities>;

/** What the actor may do with an episode; the status changes themselves are checked against the lifecycle. */
export function episodeAbilities(actor: Actor, episode: EpisodeSeen) {
  const on = { programmeId: episode.programmeId };
  const edit = can(actor, "episode.edit", on);
  const publish = can(actor, "episode.publish", on);
  return {
    edit,
    submit: edit && allowed("submit", episode.status),
    returnToDraft: edit && allowed("returnToDraft", episode.status),
    publish: publish && allowed("publish", episode.status),
    /** Schedule, reschedule or cancel the publication of a draft or an episode in review. */
    schedule: publish && allowed("publish", episode.status),
    unpublish: publish && allowed("unpublish", episode.status),
    /** "Mettre à jour": publish the current text as a new revision of the same number. */
    update: publish && allowed("update", episode.status),
    readRevisions: can(actor, "episode.readDraft", on),
    /** Live read-only view of an episode in review (partners). */
    review: !edit && episode.status === "review" && can(actor, "episode.readReview", on),
    comment: mayComment(actor, episode),
    closeComments: can(actor, "programme.update", on),
    /** Mark (or withdraw) "Relu" for the actor's territory. */
    markRead: markReadTerritory(actor, episode) !== null,
    /** See which partner territories have read it. */
    readReviewMarks: can(actor, "episode.readReview", on),
  };
}
export type EpisodeAbilities = ReturnType<typeof episodeAbilities>;

/** In a thread, a hidden comment shows in full to moderators only; to others it is gone, or a placeholder. */
export const shownInFull = (actor: Actor, comment: CommentSeen): boolean =>
  comment.status === "visible" ||
  (comment.status === "hidden" && can(actor, "comment.moderate", { programmeId: comment.programmeId }));

/** What the actor may do with one comment of a thread (a placeholder allows nothing). */
export function commentAbilities(actor: Actor, episode: EpisodeSeen, comment: Comment, now: Date) {
  const moderator = can(actor, "comment.moderate", { programmeId: comment.programmeId });
  const shown = shownInFull(actor, comment);
  return {
    edit: shown && actor.kind === "user" && canEditBody(comment, actor.userId, now),
    hide: shown && moderator,
    delete: shown && (isAuthor(actor, comment) || moderator),
    reply: shown && comment.parentId === null && comment.status === "visible" && mayComment(actor, episode),
  };
}
export type CommentAbilities = ReturnType<typeof commentAbilities>;

/** A thread as its abilities see it: its author, whether it is resolved, and its suggestion's state if it is one. */
type ThreadSeen = { authorId: string; resolved: boolean; suggestion?: SuggestionStatus | null };

/**
 * What the actor may do with the review threads of an episode (`suggest`: propose wording), and with one thread
 * (its author or the team delete it; the team that holds the pen accepts or rejects an open suggestion).
 */
export function reviewAbilities(actor: Actor, episode: Pick<EpisodeSeen, "programmeId" | "status">, thread?: ThreadSeen) {
  const on = { programmeId: episode.programmeId, episodeStatus: episode.status };
  const comment = can(actor, "review.comment", on);
  const decide = comment && thread?.suggestion === "open" && can(actor, "episode.edit", on);
  const decided = thread?.suggestion === "accepted" || thread?.suggestion === "rejected";
  return {
    comment,
    suggest: can(actor, "review.suggest", on) && takesSuggestions(episode.status),
    reply: comment && thread !== undefined,
    resolve: comment && thread !== undefined && !thread.resolved,
    reopen: comment && thread?.resolved === true && !decided,
    delete: thread !== undefined && comment && (isAuthor(actor, thread) || can(actor, "episode.edit", on)),
    accept: decide,
    reject: decide,
  };
}
export type ReviewAbilities = ReturnType<typeof reviewAbilities>;
