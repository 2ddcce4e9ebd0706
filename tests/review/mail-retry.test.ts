// Mentions and proposal outcomes go through the durable mail queue: an SMTP refusal when they are due is retried, and the
// message arrives once with its stable Message-ID; a job whose recipient lost the right to it by then is cancelled instead.
import assert from "node:assert/strict";
import { test } from "node:test";
import { mailQueueAttachment, mailQueueDeps } from "../../server/attachments.ts";
import { messageIdFor } from "../../server/domain/subscriptions.ts";
import type { Episode } from "../../server/domain/types.ts";
import { mentionJobId } from "../../server/mail/mentionJobs.ts";
import { mailQueue } from "../../server/mail/queue.ts";
import { suggestionOutcomeJobId } from "../../server/mail/suggestionOutcomeJobs.ts";
import { readOutbox } from "../helpers/accounts.ts";
import { eventually } from "../helpers/eventually.ts";
import { buildCast, buildEpisodeRecord, buildMembership, buildUser, type Cast } from "../helpers/factories.ts";
import { queueSettled } from "../helpers/mailQueue.ts";
import { reviewAnchor, writeReviewText } from "../helpers/reviews.ts";
import { startTestServer, TEST_ORIGIN, type TestServer, type TestServerOptions } from "../helpers/server.ts";
import { startSmtp, type TestSmtp } from "../subscriptions/smtp.ts";

type World = { server: TestServer; cast: Cast; episode: Episode; post(as: keyof Cast["users"], path: string, body: unknown): Promise<string> };

/** A server with the cast and an episode in review holding the review text; `post` answers the created or changed thread's id. */
async function world(options: TestServerOptions, run: (w: World) => Promise<void>): Promise<void> {
  const server = await startTestServer(options);
  try {
    const cast = await buildCast(server.ctx);
    const episode = await buildEpisodeRecord(server.ctx, cast.programme._id, { status: "review", title: "Le lavoir de Saillans" });
    await writeReviewText(server.ctx, episode._id);
    const post = async (as: keyof Cast["users"], path: string, body: unknown) => {
      const res = await fetch(server.url + path, {
        method: "POST",
        headers: { Origin: TEST_ORIGIN, Cookie: cast.cookies[as], "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as { id?: string };
      assert.ok(res.status < 300, `${path}: ${res.status} ${JSON.stringify(json)}`);
      return json.id ?? "";
    };
    await run({ server, cast, episode, post });
  } finally {
    await server.close();
  }
}

/** The SMTP server refuses the first attempt with a temporary failure (451), as when the relay restarts at that moment. */
async function refusingOnce(run: (w: World, smtp: TestSmtp) => Promise<void>): Promise<void> {
  const smtp = await startSmtp({ verdict: (n) => (n === 1 ? 451 : null) });
  try {
    await world({ env: { SMTP_URL: smtp.url }, attach: [mailQueueAttachment({ pollMs: 20, baseDelayMs: 50, maxDelayMs: 50 })] }, (w) => run(w, smtp));
  } finally {
    await smtp.close();
  }
}

/** The one message of job `id`, once it is marked sent after the refusal; nobody else was mailed. */
async function sentOnce(w: World, smtp: TestSmtp, id: string, to: string) {
  await eventually("l'envoi est marqué envoyé", async () => (await w.server.ctx.repos.mailQueue.byId(id))?.status === "sent");
  assert.equal(smtp.refused, 1, "the first attempt was refused");
  const mails = smtp.to(to);
  assert.equal(mails.length, 1);
  assert.equal(smtp.received.length, 1, "nobody else");
  assert.equal(mails[0]!.messageId, messageIdFor(id, TEST_ORIGIN));
  assert.ok(mails[0]!.text.includes(`${TEST_ORIGIN}/atelier/episodes/${w.episode._id}`), mails[0]!.text);
  return mails[0]!;
}

test("a mention the SMTP server refuses for a while is sent again, once, with its stable Message-ID", async () => {
  await refusingOnce(async (w, smtp) => {
    const { partner } = w.cast.users;
    const body = `@${partner.name}, est-ce juste pour votre commune ?`;
    const commentId = await w.post("editor", `/api/episodes/${w.episode._id}/reviews`, { body, anchor: reviewAnchor() });
    const mail = await sentOnce(w, smtp, mentionJobId(w.episode._id, commentId, partner._id), partner.email);
    assert.match(mail.subject, /vous mentionne dans la relecture/);
    assert.ok(mail.text.includes("est-ce juste pour votre commune ?"), mail.text);
  });
});

test("a proposal's outcome the SMTP server refuses for a while is sent again, once, with its stable Message-ID", async () => {
  await refusingOnce(async (w, smtp) => {
    const { partner } = w.cast.users;
    const threadId = await w.post("partner", `/api/episodes/${w.episode._id}/reviews`, {
      anchor: reviewAnchor(),
      body: "",
      suggestion: { replacement: "passage relu" },
    });
    await w.post("editor", `/api/reviews/${threadId}/accept`, {});
    const mail = await sentOnce(w, smtp, suggestionOutcomeJobId(w.episode._id, threadId, partner._id), partner.email);
    assert.match(mail.subject, /a été acceptée/);
    assert.match(mail.text, /> passage relu/);
  });
});

test("queued mentions and outcomes are cancelled when the recipient is deactivated, turned the switch off or may no longer read the draft", async () => {
  // No queue running while the recipients' standing changes: the jobs wait, then the queue decides when it sends.
  await world({ attach: [] }, async (w) => {
    const { ctx } = w.server;
    const { lead, partner } = w.cast.users;
    const gone = await buildUser(ctx);
    await buildMembership(ctx, gone._id, w.cast.programme._id, "editor");
    const body = `@${lead.name}, @${gone.name} et @${partner.name} : à voir.`;
    const commentId = await w.post("editor", `/api/episodes/${w.episode._id}/reviews`, { body, anchor: reviewAnchor() });
    const threadId = await w.post("partner", `/api/episodes/${w.episode._id}/reviews`, { anchor: reviewAnchor("relire"), body: "", suggestion: { replacement: "lire" } });
    await w.post("lead", `/api/reviews/${threadId}/reject`, { reason: "On garde le mot." });
    await Promise.all([ctx.services.reviewMentions.idle(), ctx.services.suggestionNotices.idle()]);
    const expected: [string, string][] = [
      [mentionJobId(w.episode._id, commentId, gone._id), "compte désactivé"],
      [mentionJobId(w.episode._id, commentId, lead._id), "notification désactivée"],
      [mentionJobId(w.episode._id, commentId, partner._id), "brouillon hors de sa portée"],
      [suggestionOutcomeJobId(w.episode._id, threadId, partner._id), "brouillon hors de sa portée"],
    ];
    for (const [id] of expected) assert.equal((await ctx.repos.mailQueue.byId(id))?.status, "pending", id);

    await ctx.repos.users.update(gone._id, { active: false });
    await ctx.repos.notificationPrefs.set(lead._id, { replies: false });
    // Back to draft: the partner may no longer read it.
    await w.post("editor", `/api/episodes/${w.episode._id}/return-to-draft`, {});
    const queue = mailQueue(mailQueueDeps(ctx), { pollMs: 20 });
    await queue.start();
    try {
      await queueSettled(ctx);
    } finally {
      await queue.stop();
    }
    for (const [id, reason] of expected) {
      const job = await ctx.repos.mailQueue.byId(id);
      assert.deepEqual([job?.status, job?.lastError], ["cancelled", reason], id);
    }
    assert.deepEqual(await readOutbox(w.server.dataDir), []);
  });
});
