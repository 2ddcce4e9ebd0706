// Scheduled publication: the stored record, and when a schedule may be set (not in the past, not too far ahead).
import { unprocessable } from "../errors.ts";
import { fromParis, type ParisWallClock } from "./parisTime.ts";

/** Why a scheduled publication did not happen: a stable code (the workspace words it) and the server's message. */
export type ScheduleFailure = { code: string; message: string };

/**
 * One per episode (its _id is the episode's). "scheduled" waits for `at`; "publishing" is claimed by one
 * instance until `leaseUntil`; "failed" keeps the reason for the team until they reschedule or cancel it.
 */
export type EpisodeSchedule = {
  _id: string;
  programmeId: string;
  at: Date;
  /** "cancelled" lives only between a cancellation's two writes (see the repository). */
  status: "scheduled" | "publishing" | "failed" | "cancelled";
  scheduledBy: string;
  scheduledAt: Date;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  failure: ScheduleFailure | null;
};

/** A schedule is set at least this far ahead, so the sweep never sees one already late. */
export const SCHEDULE_MIN_AHEAD_MS = 60_000;
/** And at most a year ahead: a journal's plans rarely reach further; a typo in the year is caught. */
export const SCHEDULE_MAX_AHEAD_MS = 366 * 24 * 60 * 60_000;

/** The instant a Paris date and time name, checked against the bounds; a clear 4xx otherwise. */
export function scheduleInstant(wall: ParisWallClock, now: Date): Date {
  const at = fromParis(wall);
  if (!at)
    throw unprocessable("schedule_time_missing", "Cette heure n'existe pas à Paris ce jour-là (changement d'heure) : choisissez-en une autre.");
  if (at.getTime() < now.getTime() + SCHEDULE_MIN_AHEAD_MS)
    throw unprocessable("schedule_in_past", "La date de publication doit être dans le futur.");
  if (at.getTime() > now.getTime() + SCHEDULE_MAX_AHEAD_MS)
    throw unprocessable("schedule_too_far", "La publication ne peut être programmée plus d'un an à l'avance.");
  return at;
}
