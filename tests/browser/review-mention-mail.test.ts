// A mention in a review reply, in a browser: the SMTP server refuses the first attempt, the partner named still gets one e-mail and follows it to the reply.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { collabAttachment } from "../../collab/server/index.ts";
import { mailQueueAttachment } from "../../server/attachments.ts";
import { buildReviewThread, writeReviewText } from "../helpers/reviews.ts";
import { mailingWorkspaceSuite } from "./mailingSuite.ts";
import { linkIn, mailTo } from "./publicSuite.ts";
import { thread } from "./reviewPage.ts";
import { assertNoViolations, newEpisode, openEpisode, signedInContext } from "./workspace.ts";

describe("a review mention's e-mail in a browser", { timeout: 120_000 }, () => {
  const suite = mailingWorkspaceSuite(
    [mailQueueAttachment({ pollMs: 50, baseDelayMs: 100, maxDelayMs: 100 }), collabAttachment],
    // The relay is restarting when the mention is posted: a temporary failure (451) the first time.
    (n) => (n === 1 ? 451 : null),
  );

  test("the lead names Chloé in a reply; the refused first attempt is retried and Chloé follows the one e-mail to the reply", async () => {
    const { server, smtp, browser, cast } = suite;
    const { alice, chloe } = cast.users;
    const episode = await newEpisode(server.ctx, cast.programme._id, alice._id, "Le lavoir de Saillans");
    await server.ctx.repos.episodes.update(episode._id, { status: "review" });
    await writeReviewText(server.ctx, episode._id);
    await buildReviewThread(server.ctx, episode, chloe._id, { authorName: chloe.name, body: "Ce passage est à revoir." });
    const lead = await signedInContext(browser, server, alice._id);
    const partner = await signedInContext(browser, server, chloe._id);
    try {
      const page = await lead.newPage();
      await openEpisode(page, server, episode._id);
      const card = thread(page, "Ce passage est à revoir.");
      await card.getByLabel(`Répondre à ${chloe.name}`).fill(`@${chloe.name}, c'est corrigé : pouvez-vous relire ?`);
      await card.getByRole("button", { name: "Répondre" }).click();
      await card.getByText("c'est corrigé : pouvez-vous relire ?").waitFor();
      await assertNoViolations(page, "réponse qui mentionne une partenaire");

      const mail = await mailTo(smtp, chloe.email, 1);
      assert.equal(smtp.refused, 1, "the first attempt was refused");
      assert.match(mail.subject, /vous mentionne dans la relecture/);
      assert.ok(mail.text.includes("c'est corrigé : pouvez-vous relire ?"), mail.text);
      const link = linkIn(mail.text, "/atelier/episodes/");
      assert.equal(link, `${server.origin}/atelier/episodes/${episode._id}`);

      const reading = await partner.newPage();
      await reading.goto(link);
      await thread(reading, "Ce passage est à revoir.").getByText("c'est corrigé : pouvez-vous relire ?").waitFor();
      await assertNoViolations(reading, "la partenaire arrive par le lien de la mention");
      assert.equal(smtp.to(chloe.email).length, 1, "one message, not one per attempt");
      assert.equal(smtp.received.length, 1, "nobody else was mailed");
    } finally {
      await lead.close();
      await partner.close();
    }
  });
});
