// A live sender that loses its lease (a claim answered late, renewals stalled) never sends the job another sender took over.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { mailQueueDeps } from "../../server/attachments.ts";
import type { MailMessage, Mailer, SendOptions } from "../../server/mail/mailer.ts";
import { mailQueue } from "../../server/mail/queue.ts";
import type { MailQueueRepository } from "../../server/repositories/mailQueue.ts";
import { eventually } from "../helpers/eventually.ts";
import { buildProgramme } from "../helpers/factories.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { activeSubscriber, publishEpisode } from "./seed.ts";

// Short enough for a quick test, long enough for a loaded store to renew in time.
const quick = { concurrency: 1, pollMs: 20, leaseMs: 1_000, renewMs: 200, stopTimeoutMs: 10_000 };

let server: TestServer;
before(async () => {
  server = await startTestServer({ attach: [] });
});
after(() => server.close());

/** What the SMTP server accepted, over every sender. */
const accepted: MailMessage[] = [];
const copiesTo = (email: string) => accepted.filter((m) => m.to === email).length;
const instantMailer: Mailer = {
  async send(message) {
    accepted.push(message);
    return { messageId: message.messageId ?? "" };
  },
  close() {},
};

/** A stall the test ends: whatever waits on it resumes once `release` is called. */
function stall() {
  let release = () => {};
  const over = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { over, release };
}

/** One subscriber of a new programme, and its episode's job, whose sending `first` starts; `second` shares the store. */
async function oneJob(email: string) {
  const { ctx } = server;
  const programme = await buildProgramme(ctx, { slug: `bail-${accepted.length}-${email.split("@")[0]}` });
  await activeSubscriber(ctx, email, programme._id);
  return await publishEpisode(ctx, programme);
}

test("a claim answered after its lease ran out is not sent: the sender that took the job over sends it, once", async () => {
  const { ctx } = server;
  const email = "reponse-tardive@example.org";
  const store = ctx.repos.mailQueue;
  const late = stall();
  // The first sender's store answers its claim only once the job was taken over and sent elsewhere (a starved machine).
  const slowClaims: MailQueueRepository = {
    ...store,
    async claim(id, owner, now, leaseUntil) {
      const job = await store.claim(id, owner, now, leaseUntil);
      if (job) await late.over;
      return job;
    },
  };
  const first = mailQueue({ ...mailQueueDeps(ctx), jobs: slowClaims, mailer: instantMailer, sharedStore: true }, quick);
  const second = mailQueue({ ...mailQueueDeps(ctx), mailer: instantMailer, sharedStore: true }, quick);
  try {
    const episode = await oneJob(email);
    await first.start();
    await first.announce(episode._id);
    const claimed = await eventually("le premier expéditeur a pris l'envoi", async () =>
      (await store.forEpisode(episode._id)).find((j) => j.status === "sending"),
    );
    await second.start();
    await eventually("le second expéditeur reprend l'envoi au bail expiré et l'envoie", async () => {
      const job = await store.byId(claimed._id);
      return job?.status === "sent" && job.attempts === 2;
    });
    late.release();
    // Stopping waits for the first sender's send in flight, if it went on with the job.
    await first.stop();
    assert.equal(copiesTo(email), 1, "one message, from the sender that held the lease");
  } finally {
    late.release();
    await first.stop();
    await second.stop();
  }
});

test("a sender whose renewals stall abandons its send before its lease runs out; the job is sent once elsewhere", async () => {
  const { ctx } = server;
  const email = "renouvellement-bloque@example.org";
  const store = ctx.repos.mailQueue;
  const cut = stall();
  let sending = false;
  const aborted: string[] = [];
  // The slow part of an SMTP transaction, before the server has the whole message: accepted only if it runs to the end.
  const slowMailer: Mailer = {
    send(message, options: SendOptions = {}) {
      sending = true;
      return new Promise((resolve, reject) => {
        options.signal?.addEventListener("abort", () => {
          aborted.push(message.to);
          reject(new Error("envoi interrompu"));
        });
        void cut.over.then(() => {
          if (options.signal?.aborted) return;
          accepted.push(message);
          resolve({ messageId: message.messageId ?? "" });
        });
      });
    },
    close() {},
  };
  // Once its send has begun, the first sender's store stops answering (its renewals among other things) until the test ends.
  const stalled = new Proxy(store, {
    get: (target, name: keyof MailQueueRepository) => {
      const method = target[name] as (...args: unknown[]) => Promise<unknown>;
      return async (...args: unknown[]) => {
        if (sending) await cut.over;
        return await method(...args);
      };
    },
  });
  const first = mailQueue({ ...mailQueueDeps(ctx), jobs: stalled, mailer: slowMailer, sharedStore: true }, quick);
  const second = mailQueue({ ...mailQueueDeps(ctx), mailer: instantMailer, sharedStore: true }, quick);
  try {
    const episode = await oneJob(email);
    await first.start();
    await first.announce(episode._id);
    await eventually("le premier expéditeur a commencé l'envoi", () => sending);
    await second.start();
    await eventually("le second expéditeur reprend l'envoi au bail expiré et l'envoie", async () =>
      (await store.forEpisode(episode._id)).every((j) => j.status === "sent"),
    );
    cut.release();
    await first.stop();
    assert.deepEqual(aborted, [email], "the first send was abandoned");
    assert.equal(copiesTo(email), 1, "one message, from the sender that held the lease");
  } finally {
    cut.release();
    await first.stop();
    await second.stop();
  }
});
