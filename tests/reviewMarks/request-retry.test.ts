// « Demander une relecture » goes through the durable mail queue: an SMTP failure when the partners are mailed is retried.
import assert from "node:assert/strict";
import { test } from "node:test";
import { mailQueueAttachment, reviewRequestsAttachment } from "../../server/attachments.ts";
import { messageIdFor } from "../../server/domain/subscriptions.ts";
import { reviewRequestJobId } from "../../server/mail/reviewRequestJobs.ts";
import { eventually } from "../helpers/eventually.ts";
import { buildCast, buildEpisodeRecord } from "../helpers/factories.ts";
import { startTestServer, TEST_ORIGIN } from "../helpers/server.ts";
import { startSmtp } from "../subscriptions/smtp.ts";

test("a review request the SMTP server refuses for a while is sent again, once, with its stable Message-ID", async () => {
  // The first attempt meets a temporary failure (451), as when the relay restarts at that moment.
  const smtp = await startSmtp({ verdict: (n) => (n === 1 ? 451 : null) });
  const server = await startTestServer({
    env: { SMTP_URL: smtp.url },
    attach: [mailQueueAttachment({ pollMs: 20, baseDelayMs: 50, maxDelayMs: 50 }), reviewRequestsAttachment],
  });
  try {
    const { ctx } = server;
    const cast = await buildCast(ctx);
    const partner = cast.users.partner;
    const episode = await buildEpisodeRecord(ctx, cast.programme._id, { status: "draft", title: "Le lavoir de Saillans" });
    const res = await fetch(`${server.url}/api/episodes/${episode._id}/submit`, {
      method: "POST",
      headers: { Origin: TEST_ORIGIN, Cookie: cast.cookies.editor, "Content-Type": "application/json" },
      body: "{}",
    });
    assert.equal(res.status, 200);
    await eventually("la partenaire reçoit la demande de relecture", () => smtp.to(partner.email).length > 0);
    assert.equal(smtp.refused, 1, "the first attempt was refused");
    const id = reviewRequestJobId(episode._id, 1, partner._id);
    await eventually("l'envoi est marqué envoyé", async () => (await ctx.repos.mailQueue.byId(id))?.status === "sent");
    const mails = smtp.to(partner.email);
    assert.equal(mails.length, 1);
    assert.equal(mails[0]!.subject, "Relecture demandée : « Le lavoir de Saillans »");
    assert.equal(mails[0]!.messageId, messageIdFor(id, TEST_ORIGIN));
    assert.ok(mails[0]!.text.includes(`${TEST_ORIGIN}/atelier/episodes/${episode._id}`), mails[0]!.text);
    assert.equal(smtp.received.length, 1, "nobody else: not the team, not the other programme's partner");
  } finally {
    await server.close();
    await smtp.close();
  }
});
