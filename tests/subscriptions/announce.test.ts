// Announcing a first publication: who gets it, what it says, once per address even when replayed or refused for a while.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { mailQueueAttachment } from "../../server/attachments.ts";
import type { MailQueue } from "../../server/mail/queue.ts";
import { buildEpisode } from "../helpers/episodes.ts";
import { buildCast, buildEpisodeRecord, buildProgramme } from "../helpers/factories.ts";
import { startTestServer, TEST_ORIGIN, type TestServer } from "../helpers/server.ts";
import { tempDir } from "../helpers/tmp.ts";
import { activeSubscriber, drained, publishEpisode } from "./seed.ts";
import { startSmtp, type TestSmtp } from "./smtp.ts";

const fast = { pollMs: 30, baseDelayMs: 20, maxDelayMs: 200 };

describe("announcement of a first publication", () => {
  let smtp: TestSmtp;
  let server: TestServer;
  let queue: MailQueue;
  before(async () => {
    smtp = await startSmtp();
    server = await startTestServer({
      env: { SMTP_URL: smtp.url },
      attach: [
        mailQueueAttachment(fast, (started) => {
          queue = started;
        }),
      ],
    });
  });
  after(async () => {
    await server.close();
    await smtp.close();
  });

  test("one message per active subscriber of the programme and of all, with its parts, link, licence and headers", async () => {
    const ctx = server.ctx;
    const programme = await buildProgramme(ctx, { slug: "cantines", title: "Cantines durables", licence: "CC BY 4.0" });
    const other = await buildProgramme(ctx);
    await activeSubscriber(ctx, "prog@example.org", programme._id);
    await activeSubscriber(ctx, "tout@example.org");
    await activeSubscriber(ctx, "deux@example.org", programme._id);
    await activeSubscriber(ctx, "deux@example.org");
    await activeSubscriber(ctx, "autre@example.org", other._id);
    await activeSubscriber(ctx, "attente@example.org", programme._id, { status: "pending", confirmedAt: null });
    await activeSubscriber(ctx, "parti@example.org", programme._id, { status: "unsubscribed" });
    await activeSubscriber(ctx, "trop-tard@example.org", programme._id, { confirmedAt: new Date(Date.now() + 3_600_000) });

    const episode = await publishEpisode(ctx, programme, {
      number: 7,
      title: "Le terrain\r\nBcc: pirate@example.org",
      slug: "le-terrain",
      summary: "Ce que nous avons appris <en> six semaines.",
    });
    await drained(ctx, episode._id);
    const to = smtp.received.map((m) => m.to).sort();
    assert.deepEqual(to, ["deux@example.org", "prog@example.org", "tout@example.org"]);

    const mail = smtp.to("prog@example.org")[0]!;
    assert.equal(mail.subject, "#7 — Le terrain Bcc: pirate@example.org — Cantines durables");
    assert.ok(!mail.headers.has("bcc"), "a title cannot add a header");
    assert.match(mail.text, /Ce que nous avons appris <en> six semaines\./);
    assert.match(mail.html, /Ce que nous avons appris &lt;en&gt; six semaines\./);
    assert.ok(mail.text.includes("http://carnet.test/carnets/cantines/7-le-terrain"));
    assert.ok(mail.html.includes('href="http://carnet.test/carnets/cantines/7-le-terrain"'));
    assert.match(mail.text, /licence CC BY 4\.0/);
    const unsubscribe = String(mail.header("list-unsubscribe"));
    assert.match(unsubscribe, /^<http:\/\/carnet\.test\/abonnement\/desabonner\/[a-f0-9]{24}\.[A-Za-z0-9_-]+>$/);
    assert.equal(String(mail.header("list-unsubscribe-post")), "List-Unsubscribe=One-Click");
    assert.ok(mail.text.includes(unsubscribe.slice(1, -1)), "the link is in the body too");
    assert.match(mail.messageId, new RegExp(`^<${episode._id}\\.[a-f0-9]{24}@carnet\\.test>$`));
  });

  test("republishing or replaying the event sends nothing more", async () => {
    const ctx = server.ctx;
    const programme = await buildProgramme(ctx);
    for (let i = 0; i < 5; i++) await activeSubscriber(ctx, `rejeu${i}@example.org`, programme._id);
    const mine = () => smtp.received.filter((m) => m.to.startsWith("rejeu")).length;
    const episode = await publishEpisode(ctx, programme);
    await drained(ctx, episode._id);
    const before = await ctx.repos.mailQueue.forEpisode(episode._id);
    for (let i = 0; i < 3; i++)
      ctx.events.emit("episode.firstPublished", { episodeId: episode._id, programmeId: programme._id, number: episode.number! });
    ctx.events.emit("episode.published", { episodeId: episode._id, programmeId: programme._id, revisionId: "r" });
    // Every replay has been handled once the queue has no enqueueing under way.
    await queue.idle();
    await drained(ctx, episode._id);
    assert.equal(mine(), 5);
    const jobs = await ctx.repos.mailQueue.forEpisode(episode._id);
    assert.deepEqual(jobs, before, "the replays queued nothing and changed no job");
    assert.equal(jobs.filter((j) => j.email.startsWith("rejeu")).length, 5);
    assert.ok(jobs.every((j) => j.status === "sent" && j.attempts === 1));
  });
});

test("through the real publish endpoint: announced once, not again after unpublish and republish", async () => {
  const smtp = await startSmtp();
  let queue: MailQueue | undefined;
  const server = await startTestServer({
    env: { SMTP_URL: smtp.url },
    attach: [
      mailQueueAttachment(fast, (started) => {
        queue = started;
      }),
    ],
  });
  try {
    const cast = await buildCast(server.ctx);
    await activeSubscriber(server.ctx, "vrai@example.org", cast.programme._id);
    const episode = await buildEpisode(server.ctx, cast.programme._id, cast.users.editor._id, "review");
    const move = (path: string) =>
      fetch(`${server.url}/api/episodes/${episode._id}/${path}`, {
        method: "POST",
        headers: { Origin: TEST_ORIGIN, Cookie: cast.cookies.editor, "Content-Type": "application/json" },
        body: "{}",
      });
    assert.equal((await move("publish")).status, 200);
    await drained(server.ctx, episode._id);
    assert.equal((await move("unpublish")).status, 200);
    assert.equal((await move("submit")).status, 200);
    assert.equal((await move("publish")).status, 200);
    await queue!.idle();
    await drained(server.ctx, episode._id);
    assert.equal((await server.ctx.repos.mailQueue.forEpisode(episode._id)).length, 1, "no second job queued");
    const mails = smtp.to("vrai@example.org");
    assert.equal(mails.length, 1);
    const published = (await server.ctx.repos.episodes.byId(episode._id))!;
    assert.equal(mails[0]!.subject, `#${published.number} — ${published.title} — ${cast.programme.title}`);
  } finally {
    await server.close();
    await smtp.close();
  }
});

test("a publication whose event was lost (crash before enqueueing) is announced at the next start; old ones are not", async () => {
  const dataDir = tempDir();
  const seed = await startTestServer({ dataDir, attach: [] });
  const programme = await buildProgramme(seed.ctx);
  await activeSubscriber(seed.ctx, "rattrape@example.org", programme._id, { confirmedAt: new Date(Date.now() - 30 * 86_400_000) });
  const day = 86_400_000;
  const recent = new Date(Date.now() - day);
  const old = new Date(Date.now() - 8 * day);
  const lost = await buildEpisodeRecord(seed.ctx, programme._id, { status: "published", number: 1, firstPublishedAt: recent });
  await buildEpisodeRecord(seed.ctx, programme._id, { status: "published", number: 2, firstPublishedAt: old });
  await seed.close();

  const smtp = await startSmtp();
  const server = await startTestServer({ dataDir, env: { SMTP_URL: smtp.url }, attach: [mailQueueAttachment(fast)] });
  try {
    await drained(server.ctx, lost._id);
    assert.deepEqual(smtp.received.map((m) => m.subject), [`#1 — ${lost.title} — ${programme.title}`]);
  } finally {
    await server.close();
    await smtp.close();
  }
});

test("an SMTP server refusing for a while (421/451) then recovering: everything delivered once", async () => {
  // The first 25 messages are refused, alternately 421 and 451; the queue retries them with backoff.
  const smtp = await startSmtp({ verdict: (n) => (n <= 25 ? (n % 2 ? 421 : 451) : null) });
  const server = await startTestServer({ env: { SMTP_URL: smtp.url }, attach: [mailQueueAttachment(fast)] });
  try {
    const programme = await buildProgramme(server.ctx);
    const emails = Array.from({ length: 20 }, (_, i) => `panne${i}@example.org`);
    for (const email of emails) await activeSubscriber(server.ctx, email, programme._id);
    const episode = await publishEpisode(server.ctx, programme);
    await drained(server.ctx, episode._id);
    assert.equal(smtp.refused, 25);
    for (const email of emails) assert.equal(smtp.to(email).length, 1, email);
    assert.equal(smtp.received.length, 20);
    const jobs = await server.ctx.repos.mailQueue.forEpisode(episode._id);
    assert.ok(jobs.every((j) => j.status === "sent"));
    assert.ok(jobs.some((j) => j.attempts > 1));
  } finally {
    await server.close();
    await smtp.close();
  }
});

test("a permanent refusal (550) is not retried; the others go through", async () => {
  const smtp = await startSmtp({ verdict: (n) => (n === 1 ? 550 : null) });
  const server = await startTestServer({ env: { SMTP_URL: smtp.url }, attach: [mailQueueAttachment({ ...fast, concurrency: 1 })] });
  try {
    const programme = await buildProgramme(server.ctx);
    for (let i = 0; i < 3; i++) await activeSubscriber(server.ctx, `refus${i}@example.org`, programme._id);
    const episode = await publishEpisode(server.ctx, programme);
    await drained(server.ctx, episode._id);
    const jobs = await server.ctx.repos.mailQueue.forEpisode(episode._id);
    assert.deepEqual(jobs.map((j) => j.status).sort(), ["failed", "sent", "sent"]);
    assert.equal(smtp.received.length, 2);
  } finally {
    await server.close();
    await smtp.close();
  }
});
