// Wall-clock dates and times in Europe/Paris ↔ instants (UTC), through Intl's time-zone data: DST included.

export const PARIS = "Europe/Paris";

/** A wall-clock moment in Paris: "YYYY-MM-DD" and "HH:MM". */
export type ParisWallClock = { date: string; time: string };

export const PARIS_DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const PARIS_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

const parts = new Intl.DateTimeFormat("en-GB", {
  timeZone: PARIS,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

/** The Paris wall clock at an instant. */
export function toParis(at: Date): ParisWallClock {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** "YYYY-MM-DD" naming a day of the calendar (no 30 February). */
export function isCalendarDate(date: string): boolean {
  return PARIS_DATE_PATTERN.test(date) && new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date;
}

/** The same wall clock read as if it were UTC, in milliseconds: what offsets are measured against. */
function asUtcMs({ date, time }: ParisWallClock): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [h, min] = time.split(":").map(Number) as [number, number];
  return Date.UTC(y, m - 1, d, h, min);
}

const DAY_MS = 86_400_000;

/** How far ahead of UTC Paris is at an instant (minute precision, which is all a schedule uses). */
const offsetMs = (at: Date) => asUtcMs(toParis(at)) - Math.floor(at.getTime() / 60_000) * 60_000;

/**
 * The instant a Paris wall clock names, or null when it names none (a calendar date that does not exist,
 * or the hour skipped when clocks go forward in March). In October's repeated hour, the first one (summer time).
 */
export function fromParis(wall: ParisWallClock): Date | null {
  if (!PARIS_DATE_PATTERN.test(wall.date) || !PARIS_TIME_PATTERN.test(wall.time)) return null;
  if (!isCalendarDate(wall.date)) return null;
  const naive = asUtcMs(wall);
  // The offsets in force a day before and a day after (Intl's data, not ours): whichever reads back the same.
  const found = [naive - DAY_MS, naive + DAY_MS]
    .map((probe) => new Date(naive - offsetMs(new Date(probe))))
    .filter((at) => {
      const back = toParis(at);
      return back.date === wall.date && back.time === wall.time;
    })
    .sort((a, b) => a.getTime() - b.getTime());
  return found[0] ?? null;
}
