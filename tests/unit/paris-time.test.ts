// Europe/Paris wall clock ↔ UTC across both changes of time, and the bounds of a scheduled publication.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fromParis, isCalendarDate, toParis } from "../../server/domain/parisTime.ts";
import { SCHEDULE_MAX_AHEAD_MS, scheduleInstant } from "../../server/domain/schedules.ts";
import { AppError } from "../../server/errors.ts";

const utc = (iso: string) => new Date(iso).toISOString();
const paris = (date: string, time: string) => fromParis({ date, time })?.toISOString() ?? null;

describe("Paris wall clock ↔ UTC", () => {
  it("reads winter time as UTC+1 and summer time as UTC+2", () => {
    assert.equal(paris("2026-01-15", "09:30"), utc("2026-01-15T08:30:00Z"));
    assert.equal(paris("2026-07-14", "12:00"), utc("2026-07-14T10:00:00Z"));
    assert.equal(paris("2026-12-31", "23:59"), utc("2026-12-31T22:59:00Z"));
    assert.equal(paris("2027-01-01", "00:30"), utc("2026-12-31T23:30:00Z"));
  });

  it("in March (clocks go forward at 02:00): the skipped hour names no instant, the hours around it do", () => {
    assert.equal(paris("2026-03-29", "01:59"), utc("2026-03-29T00:59:00Z"));
    assert.equal(paris("2026-03-29", "02:00"), null);
    assert.equal(paris("2026-03-29", "02:30"), null);
    assert.equal(paris("2026-03-29", "03:00"), utc("2026-03-29T01:00:00Z"));
    assert.equal(paris("2027-03-28", "02:15"), null, "the last Sunday of March, every year");
  });

  it("in October (clocks go back at 03:00): the repeated hour is its first occurrence, summer time", () => {
    assert.equal(paris("2026-10-25", "01:59"), utc("2026-10-24T23:59:00Z"));
    assert.equal(paris("2026-10-25", "02:30"), utc("2026-10-25T00:30:00Z"));
    assert.equal(paris("2026-10-25", "03:00"), utc("2026-10-25T02:00:00Z"));
  });

  it("gives back the wall clock of an instant on either side of both changes", () => {
    for (const [instant, date, time] of [
      ["2026-03-29T00:59:00Z", "2026-03-29", "01:59"],
      ["2026-03-29T01:00:00Z", "2026-03-29", "03:00"],
      ["2026-10-25T00:30:00Z", "2026-10-25", "02:30"],
      ["2026-10-25T01:30:00Z", "2026-10-25", "02:30"],
      ["2026-10-25T02:00:00Z", "2026-10-25", "03:00"],
    ] as const)
      assert.deepEqual(toParis(new Date(instant)), { date, time }, instant);
  });

  it("round-trips every quarter hour of 2026", () => {
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 15 * 60_000) {
      const at = new Date(t);
      const back = fromParis(toParis(at));
      // Only October's second 02:xx reads back as the first one, an hour earlier.
      assert.ok(back && (back.getTime() === t || back.getTime() === t - 3_600_000), at.toISOString());
    }
  });

  it("refuses days the calendar does not have and malformed values", () => {
    assert.equal(isCalendarDate("2026-02-29"), false);
    assert.equal(isCalendarDate("2028-02-29"), true);
    assert.equal(paris("2026-02-30", "10:00"), null);
    assert.equal(paris("2026-1-5", "10:00"), null);
    assert.equal(paris("2026-01-05", "24:00"), null);
    assert.equal(paris("2026-01-05", "9:00"), null);
  });
});

describe("when a publication may be scheduled", () => {
  const now = new Date("2026-03-28T12:00:00Z");
  const refusal = (date: string, time: string) => {
    try {
      scheduleInstant({ date, time }, now);
      return null;
    } catch (error) {
      assert.ok(error instanceof AppError);
      return `${error.status} ${error.code}`;
    }
  };

  it("takes a time ahead, across the change of time, in UTC", () => {
    assert.equal(scheduleInstant({ date: "2026-03-29", time: "09:00" }, now).toISOString(), utc("2026-03-29T07:00:00Z"));
  });

  it("refuses the past, the skipped hour and more than a year ahead, with 422 and a code", () => {
    assert.equal(refusal("2026-03-28", "12:00"), "422 schedule_in_past");
    assert.equal(refusal("2025-12-01", "10:00"), "422 schedule_in_past");
    assert.equal(refusal("2026-03-29", "02:30"), "422 schedule_time_missing");
    assert.equal(refusal("2027-03-30", "14:00"), "422 schedule_too_far");
    const lastDay = new Date(now.getTime() + SCHEDULE_MAX_AHEAD_MS - 3_600_000);
    assert.equal(refusal(...(Object.values(toParis(lastDay)) as [string, string])), null);
  });
});
