// The review-thread API: who may open, reply, resolve and delete; anchors checked against the stored text; bad input stores nothing.
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

describe("review threads API", () => {
  let w: CommentWorld;
  let review: Episode;
  let draft: Episode;
  let published: Episode;
  before(async () => {
    w = await commentWorld();
    const { ctx } = w.server;
    const by = w.cast.users.editor._id;
    [review, draft, published] = await Promise.all([
      buildEpisode(ctx, w.cast.programme._id, by, "review"),
      buildEpisode(ctx, w.cast.programme._id, by, "draft"),
      buildEpisode(ctx, w.cast.programme._id, by, "published"),
    ]);
    for (const e of [review, draft, published]) await writeReviewText(ctx, e._id);
  });
  after(async () => {
    await w.server.close();
  });

  const stored = async () => (await w.server.ctx.repos.reviews.forEpisode(review._id)).length;
  const open = (episodeId: string, as: CastRole, body: unknown) =>
    w.api("POST", `/api/episodes/${episodeId}/reviews`, { as, body });

  it("opens a thread on a passage with the stored text as quote, replies, resolves and reopens", async () => {
    const created = await open(review._id, "partner", { body: "Pas comme ça chez nous.", anchor: { ...reviewAnchor(), quote: "autre chose" } });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const threadId = created.json.id as string;
    const reply = await open(review._id, "editor", { body: "Corrigé.", threadId });
    assert.equal(reply.status, 201);
    assert.equal((await w.api("POST", `/api/reviews/${threadId}/resolve`, { as: "partner", body: {} })).status, 200);
    const list = await w.api("GET", `/api/episodes/${review._id}/reviews`, { as: "editor" });
    const thread = (list.json.threads as Json[]).find((th) => th.id === threadId)!;
    assert.deepEqual((thread.anchor as Json).quote, "passage à relire");
    assert.equal(thread.resolved, true);
    assert.deepEqual((thread.replies as Json[]).map((r) => r.body), ["Corrigé."]);
    assert.deepEqual(thread.abilities, { comment: true, suggest: true, reply: true, resolve: false, reopen: true, delete: true, accept: false, reject: false });
    // A reply's own delete: its author and the team, not the partner who opened the thread.
    assert.deepEqual((thread.replies as Json[])[0]!.abilities, { delete: true });
    const asPartner = await w.api("GET", `/api/episodes/${review._id}/reviews`, { as: "partner" });
    const seen = (asPartner.json.threads as Json[]).find((th) => th.id === threadId)!;
    assert.deepEqual([(seen.abilities as Json).delete, (seen.replies as Json[])[0]!.abilities], [true, { delete: false }]);
    assert.equal((await w.api("POST", `/api/reviews/${threadId}/reopen`, { as: "editor", body: {} })).status, 200);
    // Members only: the threads never reach a reader, even of a published episode.
    assert.equal((await w.api("GET", `/api/episodes/${published._id}/reviews`, { as: "reader" })).status, 403);
    assert.equal((await w.api("GET", `/api/episodes/${published._id}/reviews`, { as: "partner" })).status, 200);
  });

  it("refuses bad input with a clear 4xx and stores nothing", async () => {
    const other = await open(published._id, "editor", { body: "Fil d'un autre épisode.", anchor: reviewAnchor() });
    assert.equal(other.status, 201);
    const foreign = new Y.Doc();
    const paragraph = new Y.XmlText();
    foreign.get("root", Y.XmlText).insertEmbed(0, paragraph);
    paragraph.insert(0, REVIEW_TEXT);
    const cases: [string, unknown, number, string][] = [
      ["empty", { body: "  \n ", anchor: reviewAnchor() }, 422, "comment_empty"],
      ["too long", { body: "a".repeat(5001), anchor: reviewAnchor() }, 422, "comment_too_long"],
      ["control characters", { body: "bonjour\u0007", anchor: reviewAnchor() }, 400, "invalid_input"],
      ["anchor of another document", { body: "Hors du texte.", anchor: anchorIn(paragraph, 3, paragraph, 10, "passage") }, 422, "anchor_outside_document"],
      ["anchor not base64", { body: "Hors du texte.", anchor: { start: "!!", end: "!!", quote: "x" } }, 400, "invalid_input"],
      ["anchor garbage", { body: "Hors du texte.", anchor: { start: "AAAA", end: "AAAA", quote: "x" } }, 422, "anchor_outside_document"],
      ["reply to another episode's thread", { body: "Réponse égarée.", threadId: other.json.id }, 422, "thread_not_found"],
      ["both anchor and thread", { body: "Les deux.", anchor: reviewAnchor(), threadId: other.json.id }, 400, "invalid_input"],
      ["neither", { body: "Rien." }, 400, "invalid_input"],
    ];
    const before = await stored();
    for (const [what, body, status, code] of cases) {
      const res = await open(review._id, "partner", body);
      assert.equal(res.status, status, `${what}: ${JSON.stringify(res.json)}`);
      assert.equal(res.json.error?.code, code, what);
    }
    assert.equal(await stored(), before, "nothing stored");
  });

  it("lets only members who may read the text comment, resolve and delete", async () => {
    const created = await open(review._id, "editor", { body: "À reprendre.", anchor: reviewAnchor() });
    const id = created.json.id as string;
    const before = await stored();
    // Partners do not see drafts; outsiders do not see the review at all.
    assert.equal((await open(draft._id, "partner", { body: "Vu ?", anchor: reviewAnchor() })).status, 404);
    assert.equal((await open(draft._id, "editor", { body: "Brouillon.", anchor: reviewAnchor() })).status, 201);
    for (const as of ["anonymous", "reader", "otherPartner", "otherEditor"] as const) {
      const res = await w.api("POST", `/api/reviews/${id}/resolve`, { as, body: {} });
      assert.ok([401, 403, 404].includes(res.status), `${as} resolves: ${res.status}`);
      assert.equal((await open(review._id, as, { body: "Intrus.", threadId: id })).status >= 400, true);
    }
    assert.equal((await w.api("DELETE", `/api/reviews/${id}`, { as: "partner" })).status, 403);
    const list = await w.api("GET", `/api/episodes/${review._id}/reviews`, { as: "editor" });
    assert.equal((list.json.threads as Json[]).find((th) => th.id === id)?.resolved, false);
    assert.equal(await stored(), before);
    assert.equal((await w.api("DELETE", `/api/reviews/${id}`, { as: "lead" })).status, 204);
    assert.equal(await stored(), before - 1);
  });

  it("e-mails each member mentioned with @ who may read the draft, unless their switch is off", async () => {
    const { ctx } = w.server;
    const { editor, partner, lead, otherEditor } = w.cast.users;
    await ctx.repos.notificationPrefs.set(lead._id, { replies: false });
    // Mail queued by the earlier tests (the partner's review request) is sent before the count starts.
    await queueSettled(ctx);
    const before = new Set((await readOutbox(w.server.dataDir)).map((m) => m.file));
    const body = `@${editor.name} et @${partner.name}, regardez ; @${lead.name} aussi ; @${otherEditor.name} n'est pas du programme.`;
    const res = await open(draft._id, "admin", { body, anchor: reviewAnchor() });
    assert.equal(res.status, 201);
    await ctx.services.reviewMentions.idle();
    await queueSettled(ctx);
    const mails = (await readOutbox(w.server.dataDir)).filter((m) => !before.has(m.file));
    // The partner may not read a draft: only the editor hears of it.
    assert.deepEqual(mails.map((m) => m.to), [editor.email]);
    assert.match(mails[0]!.subject, /vous mentionne dans la relecture/);
    assert.match(mails[0]!.text, new RegExp(`/atelier/episodes/${draft._id}`));
  });
});
