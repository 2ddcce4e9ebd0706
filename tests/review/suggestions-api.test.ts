// Suggestions through the API: propose wording on a passage, accept or reject it once, who may, and bad input that stores nothing.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as Y from "yjs";
import { anchorIn } from "../../collab/review/anchors.ts";
import type { Episode } from "../../server/domain/types.ts";
import { type CommentWorld, commentWorld } from "../comments/setup.ts";
import { readOutbox } from "../helpers/accounts.ts";
import { buildEpisode } from "../helpers/episodes.ts";
import { queueSettled } from "../helpers/mailQueue.ts";
import type { CastRole } from "../helpers/factories.ts";
import { REVIEW_TEXT, reviewAnchor, writeReviewText } from "../helpers/reviews.ts";

type Json = Record<string, unknown>;

describe("suggestions API", () => {
  let w: CommentWorld;
  let review: Episode;
  let draft: Episode;
  let published: Episode;
  let foreign: Episode;
  before(async () => {
    w = await commentWorld();
    const { ctx } = w.server;
    const by = w.cast.users.editor._id;
    [review, draft, published, foreign] = await Promise.all([
      buildEpisode(ctx, w.cast.programme._id, by, "review"),
      buildEpisode(ctx, w.cast.programme._id, by, "draft"),
      buildEpisode(ctx, w.cast.programme._id, by, "published"),
      buildEpisode(ctx, w.cast.other._id, w.cast.users.otherEditor._id, "review"),
    ]);
    for (const e of [review, draft, published, foreign]) await writeReviewText(ctx, e._id);
  });
  after(async () => {
    await w.server.close();
  });

  /** Every review comment stored, as JSON: "nothing changed" compares two of these. */
  const snapshot = async () =>
    JSON.stringify(await Promise.all([review, draft, published, foreign].map((e) => w.server.ctx.repos.reviews.forEpisode(e._id))));
  const propose = (episodeId: string, as: CastRole, body: unknown) =>
    w.api("POST", `/api/episodes/${episodeId}/reviews`, { as, body });
  const threadOf = async (episodeId: string, id: string, as: "editor" | "partner" = "editor") =>
    ((await w.api("GET", `/api/episodes/${episodeId}/reviews`, { as })).json.threads as Json[]).find((t) => t.id === id)!;

  it("a partner proposes wording, the team sees it with accept and reject, an editor accepts it once and the territory is credited", async () => {
    const { ctx } = w.server;
    const mine = await buildEpisode(ctx, w.cast.programme._id, w.cast.users.editor._id, "review");
    await writeReviewText(ctx, mine._id);
    // Every change is announced on the live channel (the "review" notice readers refresh on).
    const notices: string[] = [];
    const stop = ctx.events.on("review.changed", ({ episodeId }) => notices.push(episodeId));
    const created = await propose(mine._id, "partner", { anchor: reviewAnchor(), body: "", suggestion: { replacement: "passage relu" } });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    assert.deepEqual(created.json.suggestion, { replacement: "passage relu", status: "open", decidedBy: null, decidedAt: null, reason: null });
    const id = created.json.id as string;
    const seen = await threadOf(mine._id, id);
    assert.equal((seen.abilities as Json).accept, true);
    assert.equal((seen.abilities as Json).reject, true);
    const byPartner = await threadOf(mine._id, id, "partner");
    assert.deepEqual([(byPartner.abilities as Json).accept, (byPartner.abilities as Json).reject], [false, false]);
    const list = await w.api("GET", `/api/episodes/${mine._id}/reviews`, { as: "partner" });
    assert.equal((list.json.abilities as Json).suggest, true);

    assert.equal((await w.api("POST", `/api/reviews/${id}/accept`, { as: "partner", body: {} })).status, 403);
    const accepted = await w.api("POST", `/api/reviews/${id}/accept`, { as: "editor", body: {} });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.json));
    const suggestion = accepted.json.suggestion as Json;
    assert.equal(suggestion.status, "accepted");
    assert.deepEqual(suggestion.decidedBy, { id: w.cast.users.editor._id, name: w.cast.users.editor.name });
    const again = await w.api("POST", `/api/reviews/${id}/accept`, { as: "lead", body: {} });
    assert.deepEqual([again.status, again.json.error?.code], [409, "suggestion_decided"]);
    const after = await threadOf(mine._id, id);
    assert.equal(after.resolved, true);
    assert.deepEqual([(after.abilities as Json).accept, (after.abilities as Json).reopen], [false, false]);
    const reopen = await w.api("POST", `/api/reviews/${id}/reopen`, { as: "editor", body: {} });
    assert.deepEqual([reopen.status, reopen.json.error?.code], [409, "suggestion_decided"]);
    stop();
    assert.deepEqual(notices, [mine._id, mine._id], "one notice for the proposal, one for the accept");
    const episode = await w.server.ctx.repos.episodes.byId(mine._id);
    assert.deepEqual(episode?.creditedTerritoryIds, [w.cast.territory._id]);
    // Once published, the public page names the territory among the contributors.
    const publishedNow = await w.api("POST", `/api/episodes/${mine._id}/publish`, { as: "editor", body: {} });
    assert.equal(publishedNow.status, 200, JSON.stringify(publishedNow.json));
    const number = (await w.server.ctx.repos.episodes.byId(mine._id))?.number;
    const page = await fetch(`${w.server.url}/carnets/${w.cast.programme.slug}/${number}`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), new RegExp(`Avec les contributions de : ${w.cast.territory.name}<`));
  });

  it("rejects with a reason the partner then reads; an empty replacement proposes to delete", async () => {
    const created = await propose(review._id, "partner", { anchor: reviewAnchor("relire"), body: "Inutile.", suggestion: { replacement: "" } });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const id = created.json.id as string;
    const rejected = await w.api("POST", `/api/reviews/${id}/reject`, { as: "lead", body: { reason: "  On garde le mot.  " } });
    assert.equal(rejected.status, 200, JSON.stringify(rejected.json));
    const seen = (await threadOf(review._id, id, "partner")).suggestion as Json;
    assert.deepEqual([seen.replacement, seen.status, seen.reason], ["", "rejected", "On garde le mot."]);
    const accept = await w.api("POST", `/api/reviews/${id}/accept`, { as: "editor", body: {} });
    assert.deepEqual([accept.status, accept.json.error?.code], [409, "suggestion_decided"]);
  });

  it("e-mails the proposer what became of the proposal, with the reason, unless their switch is off", async () => {
    const { ctx } = w.server;
    const { partner } = w.cast.users;
    const settled = async () => {
      await ctx.services.suggestionNotices.idle();
      await queueSettled(ctx);
    };
    const fresh = async () => {
      await settled();
      const before = new Set((await readOutbox(w.server.dataDir)).map((m) => m.file));
      return async () => {
        await settled();
        return (await readOutbox(w.server.dataDir)).filter((m) => !before.has(m.file) && m.to === partner.email);
      };
    };
    const proposeOne = async (replacement: string) =>
      (await propose(review._id, "partner", { anchor: reviewAnchor("relire"), body: "", suggestion: { replacement } })).json.id as string;
    let sent = await fresh();
    assert.equal((await w.api("POST", `/api/reviews/${await proposeOne("relire encore")}/accept`, { as: "editor", body: {} })).status, 200);
    const [accepted] = await sent();
    assert.match(accepted?.subject ?? "", /a été acceptée/);
    assert.match(accepted!.text, /> relire encore/);
    sent = await fresh();
    const reason = "Le conseil communautaire préfère « relire ».";
    assert.equal((await w.api("POST", `/api/reviews/${await proposeOne("")}/reject`, { as: "lead", body: { reason } })).status, 200);
    const [rejected] = await sent();
    assert.match(rejected?.subject ?? "", /n'a pas été retenue/);
    assert.ok(rejected!.text.includes(`Raison donnée : ${reason}`), rejected!.text);
    assert.match(rejected!.text, /supprimer le passage/);
    const off = await w.api("PUT", "/api/me/notifications", { as: "partner", body: { suggestionOutcomes: false } });
    assert.equal(off.json.suggestionOutcomes, false);
    sent = await fresh();
    assert.equal((await w.api("POST", `/api/reviews/${await proposeOne("x")}/reject`, { as: "editor", body: {} })).status, 200);
    assert.deepEqual(await sent(), []);
    await w.api("PUT", "/api/me/notifications", { as: "partner", body: { suggestionOutcomes: true } });
  });

  it("lets exactly one of two concurrent accepts win", async () => {
    const created = await propose(review._id, "partner", { anchor: reviewAnchor("texte"), body: "", suggestion: { replacement: "récit" } });
    const id = created.json.id as string;
    const answers = await Promise.all([
      w.api("POST", `/api/reviews/${id}/accept`, { as: "editor", body: {} }),
      w.api("POST", `/api/reviews/${id}/accept`, { as: "lead", body: {} }),
    ]);
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 409]);
    assert.equal(answers.find((a) => a.status === 409)?.json.error?.code, "suggestion_decided");
  });

  it("refuses bad input with a clear 4xx and stores nothing", async () => {
    const plain = await propose(review._id, "editor", { anchor: reviewAnchor(), body: "Un fil ordinaire." });
    const open = await propose(review._id, "editor", { anchor: reviewAnchor(), body: "", suggestion: { replacement: "x" } });
    const decided = await propose(review._id, "editor", { anchor: reviewAnchor(), body: "", suggestion: { replacement: "y" } });
    assert.equal((await w.api("POST", `/api/reviews/${decided.json.id}/reject`, { as: "editor", body: {} })).status, 200);
    const reply = await propose(review._id, "partner", { threadId: open.json.id, body: "Bonne idée." });
    const otherDoc = new Y.Doc();
    const paragraph = new Y.XmlText();
    otherDoc.get("root", Y.XmlText).insertEmbed(0, paragraph);
    paragraph.insert(0, REVIEW_TEXT);
    const ok = { anchor: reviewAnchor(), body: "" };
    const creations: [string, string, "partner" | "editor" | "otherPartner", unknown, number, string][] = [
      ["another programme's episode", foreign._id, "partner", { ...ok, suggestion: { replacement: "a" } }, 404, "not_found"],
      ["anchor of another document", review._id, "partner", { ...ok, anchor: anchorIn(paragraph, 3, paragraph, 10, "p"), suggestion: { replacement: "a" } }, 422, "anchor_outside_document"],
      ["replacement too long", review._id, "partner", { ...ok, suggestion: { replacement: "é".repeat(5_001) } }, 422, "suggestion_too_long"],
      ["replacement far too long", review._id, "partner", { ...ok, suggestion: { replacement: "é".repeat(20_001) } }, 400, "invalid_input"],
      ["control characters", review._id, "partner", { ...ok, suggestion: { replacement: "mot\u0007" } }, 400, "invalid_input"],
      ["direction override", review._id, "partner", { ...ok, suggestion: { replacement: "mot\u202e" } }, 400, "invalid_input"],
      ["suggestion on a reply", review._id, "partner", { threadId: open.json.id, body: "Non.", suggestion: { replacement: "a" } }, 400, "invalid_input"],
      ["unknown field", review._id, "partner", { ...ok, suggestion: { replacement: "a", status: "accepted" } }, 400, "invalid_input"],
      ["published episode", published._id, "editor", { ...ok, suggestion: { replacement: "a" } }, 409, "episode_not_reviewable"],
      ["a partner on a draft", draft._id, "partner", { ...ok, suggestion: { replacement: "a" } }, 404, "not_found"],
      ["a plain thread without body", review._id, "partner", ok, 422, "comment_empty"],
    ];
    const decisions: [string, string, string, "partner" | "editor" | "otherEditor", unknown, number, string][] = [
      ["accept by a partner", `${open.json.id}`, "accept", "partner", {}, 403, "forbidden"],
      ["reject by a partner", `${open.json.id}`, "reject", "partner", {}, 403, "forbidden"],
      ["accept from another programme", `${open.json.id}`, "accept", "otherEditor", {}, 404, "not_found"],
      ["accept of a plain thread", `${plain.json.id}`, "accept", "editor", {}, 409, "not_a_suggestion"],
      ["accept of a reply", `${reply.json.id}`, "accept", "editor", {}, 409, "not_a_suggestion"],
      ["accept of a decided one", `${decided.json.id}`, "accept", "editor", {}, 409, "suggestion_decided"],
      ["reject of a decided one", `${decided.json.id}`, "reject", "editor", {}, 409, "suggestion_decided"],
      ["accept with a body", `${open.json.id}`, "accept", "editor", { reason: "x" }, 400, "invalid_input"],
      ["reason too long", `${open.json.id}`, "reject", "editor", { reason: "é".repeat(501) }, 422, "reason_too_long"],
      ["reason far too long", `${open.json.id}`, "reject", "editor", { reason: "é".repeat(2_001) }, 400, "invalid_input"],
      ["reason with controls", `${open.json.id}`, "reject", "editor", { reason: "non\u0000" }, 400, "invalid_input"],
    ];
    const episodeBefore = JSON.stringify(await w.server.ctx.repos.episodes.byId(review._id));
    const before = await snapshot();
    for (const [what, episodeId, as, body, status, code] of creations) {
      const res = await propose(episodeId, as, body);
      assert.deepEqual([res.status, res.json.error?.code], [status, code], `${what}: ${JSON.stringify(res.json)}`);
    }
    for (const [what, id, verb, as, body, status, code] of decisions) {
      const res = await w.api("POST", `/api/reviews/${id}/${verb}`, { as, body });
      assert.deepEqual([res.status, res.json.error?.code], [status, code], `${what}: ${JSON.stringify(res.json)}`);
    }
    assert.equal(await snapshot(), before, "no review comment changed");
    assert.equal(JSON.stringify(await w.server.ctx.repos.episodes.byId(review._id)), episodeBefore, "the episode did not change");
  });
});
