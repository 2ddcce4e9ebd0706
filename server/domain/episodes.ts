// Episode lifecycle rules: which status changes are allowed, and the error code when they are not.
import type { EpisodeStatus } from "./types.ts";

export const TRANSITIONS = {
  submit: { from: ["draft"], to: "review", refusal: "episode_not_submittable" },
  publish: { from: ["draft", "review"], to: "published", refusal: "episode_not_publishable" },
  // A published episode is corrected in place: same number, new revision, no announcement.
  update: { from: ["published"], to: "published", refusal: "episode_not_published" },
  unpublish: { from: ["published"], to: "draft", refusal: "episode_not_published" },
  returnToDraft: { from: ["review"], to: "draft", refusal: "episode_not_in_review" },
} as const satisfies Record<string, { from: readonly EpisodeStatus[]; to: EpisodeStatus; refusal: string }>;

export type Transition = keyof typeof TRANSITIONS;

export const REFUSAL_MESSAGES: Record<Transition, string> = {
  submit: "Seul un brouillon peut être soumis à relecture.",
  publish: "Cet épisode est déjà publié.",
  update: "Cet épisode n'est pas publié.",
  unpublish: "Cet épisode n'est pas publié.",
  returnToDraft: "Cet épisode n'est pas en relecture.",
};

export function allowed(transition: Transition, status: EpisodeStatus): boolean {
  return (TRANSITIONS[transition].from as readonly EpisodeStatus[]).includes(status);
}

/** The counter and number-record keys of a programme's numbering. */
export const numberCounterId = (programmeId: string) => `episode-number:${programmeId}`;
export const numberRecordId = (programmeId: string, number: number) => `${programmeId}:${number}`;
