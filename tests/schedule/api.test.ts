// Scheduling over HTTP (who may, bad input, reschedule, cancel) and the publication at the time: number then, e-mails, failures.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import request from "supertest";
import { mailQueueAttachment, scheduledPublicationAttachment } from "../../server/attachments.ts";
import { fromParis } from "../../server/domain/parisTime.ts";
import { buildEpisode } from "../helpers/episodes.ts";
import { eventually } from "../helpers/eventually.ts";
import { buildCast, buildMembership, buildUser, type Cast, sessionCookieFor } from "../helpers/factories.ts";
import { startTestServer, TEST_ORIGIN, type TestServer } from "../helpers/server.ts";
import { activeSubscriber, drained } from "../subscriptions/seed.ts";
import { startSmtp, type TestSmtp } from "../subscriptions/smtp.ts";
import { parisIn, scheduleCall, testClock, writeBody } from "./setup.ts";

const HOUR_MS = 3_600_000;

describe("scheduled publication over HTTP", () => {
  let server: TestServer;
  let cast: Cast;
  let smtp: TestSmtp;
  const clock = testClock();
  before(async () => {
    smtp = await startSmtp();
    server = await startTestServer({
      env: { SMTP_URL: smtp.url },
      attach: [mailQueueAttachment({ pollMs: 30 }), scheduledPublicationAttachment({ now: clock.now, tickMs: 20 })],
    });
    cast = await buildCast(server.ctx);
  });
  after(async () => {
    await server.close();
    await smtp.close();
  });

  const episodeIn = (status: "draft" | "review" | "published") => buildEpisode(server.ctx, cast.programme._id, cast.users.editor._id, status);
  const read = async (id: string, cookie = cast.cookies.editor) =>
    (await request(server.url).get(`/api/episodes/${id}`).set("Cookie", cookie).expect(200)).body.episode;
  const refused = async (id: string, body: unknown, status: number, cookie = cast.cookies.editor) =>
    (await scheduleCall(server.url, cookie, id, body).expect(status)).body.error.code as string;

  it("an editor schedules a draft for a Paris date and time, stored in UTC, and the team sees it in lists", async () => {
    const episode = await episodeIn("draft");
    const wall = parisIn(30);
    const res = await scheduleCall(server.url, cast.cookies.editor, episode._id, wall).expect(200);
    assert.equal(res.body.episode.schedule.at, fromParis(wall)!.toISOString());
    assert.deepEqual(res.body.episode.schedule.paris, wall);
    assert.equal(res.body.episode.schedule.status, "scheduled");
    assert.equal(res.body.episode.abilities.schedule, true);
    const stored = await server.ctx.repos.schedules.byId(episode._id);
    assert.equal(stored?.at.toISOString(), fromParis(wall)!.toISOString());
    assert.equal(stored?.scheduledBy, cast.users.editor._id);
    const list = (await request(server.url).get(`/api/programmes/${cast.programme._id}/episodes`).set("Cookie", cast.cookies.lead).expect(200)).body
      .episodes as { id: string; schedule: { paris: unknown } | null }[];
    assert.deepEqual(list.find((e) => e.id === episode._id)?.schedule?.paris, wall);
  });

  it("who may: the team (lead, editor, admin) yes; a partner 403 on an episode in review, and never sees the schedule; others 404", async () => {
    const episode = await episodeIn("review");
    for (const who of ["lead", "editor", "admin"] as const) await scheduleCall(server.url, cast.cookies[who], episode._id, parisIn(5)).expect(200);
    assert.equal(await refused(episode._id, parisIn(5), 403, cast.cookies.partner), "forbidden");
    assert.equal((await read(episode._id, cast.cookies.partner)).schedule, null);
    assert.equal((await read(episode._id, cast.cookies.partner)).abilities.schedule, false);
    for (const who of ["reader", "otherPartner", "otherEditor"] as const) assert.equal(await refused(episode._id, parisIn(5), 404, cast.cookies[who]), "not_found");
    assert.equal((await scheduleCall(server.url, undefined, episode._id, parisIn(5)).expect(404)).body.error.code, "not_found");
    await scheduleCall(server.url, cast.cookies.partner, episode._id).expect(403);
  });

  it("refuses bad input with a clear 4xx and writes nothing", async () => {
    const episode = await episodeIn("draft");
    const kept = parisIn(10);
    await scheduleCall(server.url, cast.cookies.editor, episode._id, kept).expect(200);
    const before = await server.ctx.repos.schedules.byId(episode._id);
    const bad = [{}, { date: "2026-13-01", time: "10:00" }, { date: kept.date, time: "25:00" }, { date: kept.date, time: "9:00" }, { ...kept, zone: "UTC" }, { date: { $ne: null }, time: kept.time }];
    for (const body of bad) assert.equal(await refused(episode._id, body, 400), "invalid_input", JSON.stringify(body));
    assert.equal(await refused(episode._id, parisIn(-2), 422), "schedule_in_past");
    assert.equal(await refused(episode._id, parisIn(24 * 400), 422), "schedule_too_far");
    assert.equal(await refused(episode._id, { date: "2027-03-28", time: "02:30" }, 422), "schedule_time_missing");
    const published = await episodeIn("published");
    assert.equal(await refused(published._id, parisIn(5), 409), "episode_not_publishable");
    assert.equal((await scheduleCall(server.url, cast.cookies.editor, published._id).expect(404)).body.error.code, "not_found");
    assert.deepEqual(await server.ctx.repos.schedules.byId(episode._id), before);
    assert.equal(await server.ctx.repos.schedules.byId(published._id), null);
  });

  it("reschedules and cancels", async () => {
    const episode = await episodeIn("draft");
    await scheduleCall(server.url, cast.cookies.editor, episode._id, parisIn(10)).expect(200);
    const later = parisIn(50);
    const moved = await scheduleCall(server.url, cast.cookies.lead, episode._id, later).expect(200);
    assert.deepEqual(moved.body.episode.schedule.paris, later);
    const cancelled = await scheduleCall(server.url, cast.cookies.editor, episode._id).expect(200);
    assert.equal(cancelled.body.episode.schedule, null);
    assert.equal(await server.ctx.repos.schedules.byId(episode._id), null);
    await scheduleCall(server.url, cast.cookies.editor, episode._id).expect(404);
  });

  it("publishes at the time through the publication service: the number given then, subscribers e-mailed once, the public page up", async () => {
    const ctx = server.ctx;
    await activeSubscriber(ctx, "abonnee@example.org", cast.programme._id);
    const scheduled = await episodeIn("review");
    await writeBody(ctx, scheduled._id, "Ce que le terrain nous a appris.");
    await scheduleCall(server.url, cast.cookies.editor, scheduled._id, parisIn(2)).expect(200);
    // Another episode published by hand before the time takes the next number first.
    const first = await episodeIn("published");
    const taken = first.number!;
    clock.advance(3 * HOUR_MS);
    const published = await eventually("l'épisode programmé publié", async () => {
      const e = await ctx.repos.episodes.byId(scheduled._id);
      return e?.status === "published" ? e : null;
    });
    assert.equal(published.number, taken + 1, "numbered at publication, after the one published by hand");
    assert.equal((await ctx.repos.revisions.latest(scheduled._id))?.publishedBy, cast.users.editor._id);
    await eventually("la programmation retirée", async () => (await ctx.repos.schedules.byId(scheduled._id)) === null);
    await drained(ctx, scheduled._id);
    const mails = smtp.to("abonnee@example.org").filter((m) => m.subject.startsWith(`#${published.number} `));
    assert.equal(mails.length, 1);
    const page = await request(server.url).get(`/carnets/${cast.programme.slug}/${published.number}-${published.slug}`).expect(200);
    assert.match(page.text, /Ce que le terrain nous a appris\./);
    assert.equal((await read(scheduled._id)).schedule, null);
  });

  it("drops a schedule that cannot be published, with the reason for the team, and costs no number", async () => {
    const ctx = server.ctx;
    const empty = await episodeIn("draft");
    await scheduleCall(server.url, cast.cookies.editor, empty._id, parisIn(clock.aheadHours() + 1)).expect(200);
    // Its scheduler has left the team meanwhile.
    const leaver = await buildUser(ctx);
    await buildMembership(ctx, leaver._id, cast.programme._id, "editor");
    const orphan = await episodeIn("draft");
    await writeBody(ctx, orphan._id, "Un texte prêt.");
    await scheduleCall(server.url, await sessionCookieFor(ctx, leaver._id), orphan._id, parisIn(clock.aheadHours() + 1)).expect(200);
    await ctx.repos.memberships.remove(leaver._id, cast.programme._id);
    // And one whose episode is gone.
    const gone = await episodeIn("draft");
    await scheduleCall(server.url, cast.cookies.editor, gone._id, parisIn(clock.aheadHours() + 1)).expect(200);
    await ctx.store.collection("episodes").deleteOne({ _id: gone._id });
    const next = await ctx.repos.episodes.peekNextNumber(cast.programme._id);

    clock.advance(2 * HOUR_MS);
    const failed = await eventually("l'échec visible", async () => {
      const e = await read(empty._id);
      return e.schedule?.status === "failed" ? e : null;
    });
    assert.equal(failed.status, "draft");
    assert.equal(failed.schedule.failure.code, "episode_empty");
    assert.match(failed.schedule.failure.message, /vide/);
    const refused = await eventually("le refus visible", async () => ((await read(orphan._id)).schedule?.status === "failed" ? read(orphan._id) : null));
    assert.equal(refused.schedule.failure.code, "schedule_not_allowed");
    await eventually("la programmation de l'épisode disparu retirée", async () => (await ctx.repos.schedules.byId(gone._id)) === null);
    assert.equal(await ctx.repos.episodes.peekNextNumber(cast.programme._id), next, "no number spent");
    // Not retried: later sweeps leave it failed, until the team clears it.
    const later = await episodeIn("draft");
    await writeBody(ctx, later._id, "Publié au balayage suivant.");
    await scheduleCall(server.url, cast.cookies.editor, later._id, parisIn(clock.aheadHours() + 1)).expect(200);
    clock.advance(3 * HOUR_MS);
    await eventually("le balayage suivant", async () => (await ctx.repos.episodes.byId(later._id))?.status === "published");
    assert.equal((await ctx.repos.schedules.byId(empty._id))?.status, "failed");
    await scheduleCall(server.url, cast.cookies.editor, empty._id).expect(200);
    assert.equal((await read(empty._id)).schedule, null);
  });

  it("a publication by hand before the time removes the schedule", async () => {
    const episode = await episodeIn("draft");
    // Further ahead than the test clock has been moved.
    await scheduleCall(server.url, cast.cookies.editor, episode._id, parisIn(clock.aheadHours() + 5)).expect(200);
    await request(server.url).post(`/api/episodes/${episode._id}/publish`).set("Origin", TEST_ORIGIN).set("Cookie", cast.cookies.lead).send({}).expect(200);
    await eventually("la programmation retirée", async () => (await server.ctx.repos.schedules.byId(episode._id)) === null);
  });
});
