// Mail-job leases are short and renewed by the sender's heartbeat: a slow send keeps its job, a stopped sender's job is taken over.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createMailer } from "../../server/mail/mailer.ts";
import { mailQueueDeps } from "../../server/attachments.ts";
import { mailQueue } from "../../server/mail/queue.ts";
import { eventually } from "../helpers/eventually.ts";
import { buildEpisodeRecord, buildProgramme } from "../helpers/factories.ts";
import { startTestServer } from "../helpers/server.ts";
import { tempDir } from "../helpers/tmp.ts";
import { activeSubscriber } from "./seed.ts";
import { startSmtp } from "./smtp.ts";

const LEASE_MS = 1_000;
const quick = { concurrency: 1, pollMs: 20, leaseMs: LEASE_MS, renewMs: 100, stopTimeoutMs: 100 };

test("a live sender's heartbeat keeps its slow send; another sender takes the job over only once the heartbeat stops", async () => {
  // The first message is never answered: its sender waits on the SMTP server for as long as the test wants.
  const smtp = await startSmtp({ verdict: (n) => (n === 1 ? "hold" : null) });
  const server = await startTestServer({ attach: [] });
  const { ctx } = server;
  const mailer = () => createMailer({ smtpUrl: smtp.url, from: "Carnet <carnet@localhost>", outboxDir: tempDir(), log: ctx.log });
  const mailers = [mailer(), mailer()];
  // Two instances sharing one store: each its own SMTP connections.
  const deps = (i: number) => ({ ...mailQueueDeps(ctx), mailer: mailers[i]!, sharedStore: true });
  const first = mailQueue(deps(0), quick);
  const second = mailQueue(deps(1), quick);
  try {
    const programme = await buildProgramme(ctx, { slug: "bail", title: "Bail" });
    for (const email of ["a@example.org", "b@example.org", "c@example.org"]) await activeSubscriber(ctx, email, programme._id);
    const at = new Date();
    const episode = await buildEpisodeRecord(ctx, programme._id, { status: "published", number: 1, firstPublishedAt: at, lastPublishedAt: at });
    await first.start();
    await first.announce(episode._id);
    const held = await eventually("le premier envoi est en cours", async () =>
      (await ctx.repos.mailQueue.forEpisode(episode._id)).find((j) => j.status === "sending"),
    );
    await second.start();
    await eventually("le second expéditeur envoie les deux autres", () => smtp.received.length === 2);
    await eventually("le battement de cœur a prolongé le bail bien au-delà du premier", async () => {
      const job = await ctx.repos.mailQueue.byId(held._id);
      assert.equal(job?.leaseOwner, held.leaseOwner, "a live sender's job is never taken over");
      return job!.leaseUntil!.getTime() > held.leaseUntil!.getTime() + 4 * LEASE_MS;
    });
    assert.equal(smtp.to(held.email).length, 0);
    // Stopping ends the heartbeat while the send still hangs: as if the instance had died mid-send.
    await first.stop();
    await eventually("le second expéditeur reprend l'envoi abandonné", async () => (await ctx.repos.mailQueue.byId(held._id))?.status === "sent");
    assert.equal(smtp.to(held.email).length, 1);
  } finally {
    await second.stop();
    for (const m of mailers) m.close();
    await smtp.close();
    await server.close();
  }
});
