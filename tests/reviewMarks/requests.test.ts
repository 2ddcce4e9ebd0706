// "Demander une relecture": the programme's partners get an e-mail with the draft's link; never subscribers; the switch turns it off.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { REVIEW_ROUND_QUIET_MS } from "../../server/domain/reviewMarks.ts";
import type { Episode } from "../../server/domain/types.ts";
import { type SentMail, unreadMail } from "../helpers/accounts.ts";
import { buildEpisodeRecord, buildMembership, buildUser } from "../helpers/factories.ts";
import { queueSettled } from "../helpers/mailQueue.ts";
import { activeSubscriber, drained } from "../subscriptions/seed.ts";
import { type CommentWorld, commentWorld } from "../comments/setup.ts";

describe("review requests by e-mail", () => {
  let w: CommentWorld;
  let t = Date.now();
  const seen = new Set<string>();
  const subscriber = "abonnee-relecture@example.org";

  before(async () => {
    w = await commentWorld();
    w.server.ctx.services.reviewMarks.options.now = () => new Date(t);
    // The world's published episode is announced to the subscribers found when its batch is expanded: let that pass first.
    await drained(w.server.ctx, w.published._id);
    await activeSubscriber(w.server.ctx, subscriber, w.cast.programme._id);
  });
  after(async () => {
    await w.server.close();
  });

  /** E-mails written since the last call, once every review request under way is queued and the queue has sent it. */
  async function newMail(): Promise<SentMail[]> {
    await w.server.ctx.services.reviewMarks.idle();
    await queueSettled(w.server.ctx);
    return await unreadMail(w.server.dataDir, seen);
  }
  const submit = async (episode: Episode) =>
    assert.equal((await w.api("POST", `/api/episodes/${episode._id}/submit`, { as: "editor", body: {} })).status, 200);
  const backToDraft = async (episode: Episode) =>
    assert.equal((await w.api("POST", `/api/episodes/${episode._id}/return-to-draft`, { as: "editor", body: {} })).status, 200);

  it("mails the programme's partners a link to the draft, and nobody else", async () => {
    await newMail();
    const episode = await buildEpisodeRecord(w.server.ctx, w.cast.programme._id, { status: "draft", title: "Le marché de Die" });
    await submit(episode);
    const mails = await newMail();
    assert.deepEqual(
      mails.map((m) => m.to),
      [w.cast.users.partner.email],
      "only the partner: not the team, not the other programme's partner, not the subscriber",
    );
    const [mail] = mails;
    assert.equal(mail!.subject, "Relecture demandée : « Le marché de Die »");
    assert.match(mail!.text, new RegExp(w.cast.programme.title));
    assert.ok(mail!.text.includes(`${w.server.origin}/atelier/episodes/${episode._id}`), mail!.text);
    assert.ok(!mails.some((m) => m.to === subscriber));
  });

  it("does not mail again when the episode comes back within the hour, but does for a later round", async () => {
    const episode = await buildEpisodeRecord(w.server.ctx, w.cast.programme._id, { status: "draft" });
    await submit(episode);
    assert.equal((await newMail()).length, 1);
    await backToDraft(episode);
    t += REVIEW_ROUND_QUIET_MS - 1000;
    await submit(episode);
    assert.deepEqual(await newMail(), []);
    await backToDraft(episode);
    t += 1000;
    await submit(episode);
    assert.deepEqual((await newMail()).map((m) => m.to), [w.cast.users.partner.email]);
  });

  it("skips partners who switched review requests off, and deactivated ones", async () => {
    const quiet = await buildUser(w.server.ctx, { affiliation: { kind: "territory", territoryId: w.cast.territory._id } });
    const gone = await buildUser(w.server.ctx, { active: false });
    await buildMembership(w.server.ctx, quiet._id, w.cast.programme._id, "partner");
    await buildMembership(w.server.ctx, gone._id, w.cast.programme._id, "partner");
    const off = await w.api("PUT", "/api/me/notifications", { as: "partner", body: { reviewRequests: false } });
    assert.equal(off.status, 200);
    assert.equal(off.json.reviewRequests, false);
    const episode = await buildEpisodeRecord(w.server.ctx, w.cast.programme._id, { status: "draft" });
    await submit(episode);
    assert.deepEqual((await newMail()).map((m) => m.to), [quiet.email]);
    assert.equal((await w.api("PUT", "/api/me/notifications", { as: "partner", body: { reviewRequests: true } })).status, 200);
  });
});
