// A schedule survives a stop: the next server on the same data publishes it at start-up, once, with its e-mails.
import assert from "node:assert/strict";
import { test } from "node:test";
import { mailQueueAttachment, scheduledPublicationAttachment } from "../../server/attachments.ts";
import { buildEpisode } from "../helpers/episodes.ts";
import { eventually } from "../helpers/eventually.ts";
import { buildCast } from "../helpers/factories.ts";
import { startTestServer } from "../helpers/server.ts";
import { tempDir } from "../helpers/tmp.ts";
import { activeSubscriber, drained } from "../subscriptions/seed.ts";
import { startSmtp } from "../subscriptions/smtp.ts";
import { parisIn, scheduleCall, testClock, writeBody } from "./setup.ts";

const HOUR_MS = 3_600_000;

test("scheduled, server stopped, the time passes, a new server on the same data publishes it once", async () => {
  const smtp = await startSmtp();
  const dataDir = tempDir();
  const clock = testClock();
  const attach = () => [mailQueueAttachment({ pollMs: 30 }), scheduledPublicationAttachment({ now: clock.now, tickMs: 20 })];
  try {
    const first = await startTestServer({ dataDir, env: { SMTP_URL: smtp.url }, attach: attach() });
    const cast = await buildCast(first.ctx);
    await activeSubscriber(first.ctx, "fidele@example.org", cast.programme._id);
    const waiting = await buildEpisode(first.ctx, cast.programme._id, cast.users.editor._id, "draft");
    await writeBody(first.ctx, waiting._id, "Écrit avant l'arrêt.");
    await scheduleCall(first.url, cast.cookies.editor, waiting._id, parisIn(2)).expect(200);
    // And one whose publisher died mid-way: claimed, never finished.
    const interrupted = await buildEpisode(first.ctx, cast.programme._id, cast.users.editor._id, "review");
    await writeBody(first.ctx, interrupted._id, "Publication interrompue.");
    await scheduleCall(first.url, cast.cookies.editor, interrupted._id, parisIn(1)).expect(200);
    await first.ctx.repos.schedules.claim("mort", new Date(Date.now() + 2 * HOUR_MS), new Date(Date.now() + 10 * HOUR_MS));
    await first.close();
    assert.equal(smtp.received.length, 0);

    clock.advance(3 * HOUR_MS);
    const second = await startTestServer({ dataDir, env: { SMTP_URL: smtp.url }, attach: attach() });
    try {
      const ctx = second.ctx;
      // The episode turns published a moment before its schedule is closed: wait for both.
      for (const id of [waiting._id, interrupted._id])
        await eventually(
          "publié au démarrage, programmation close",
          async () => (await ctx.repos.episodes.byId(id))?.status === "published" && (await ctx.repos.schedules.byId(id)) === null,
        );
      const numbers = [(await ctx.repos.episodes.byId(waiting._id))!.number, (await ctx.repos.episodes.byId(interrupted._id))!.number];
      assert.deepEqual(numbers.sort(), [1, 2]);
      for (const id of [waiting._id, interrupted._id]) {
        assert.equal((await ctx.repos.revisions.forEpisode(id)).length, 1, "one publication");
        await drained(ctx, id);
      }
      assert.equal(smtp.to("fidele@example.org").length, 2, "one e-mail per episode");
    } finally {
      await second.close();
    }
  } finally {
    await smtp.close();
  }
});
