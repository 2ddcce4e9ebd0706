// The territories' "Relu" through the API: who may mark, read and withdraw, bad input refused with nothing stored, rounds.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { REVIEW_ROUND_QUIET_MS } from "../../server/domain/reviewMarks.ts";
import type { Episode } from "../../server/domain/types.ts";
import { buildEpisodeRecord, type CastRole } from "../helpers/factories.ts";
import { type CommentWorld, commentWorld } from "../comments/setup.ts";

type Territory = { id: string; name: string; read: { at: string; by: { id: string; name: string }; comment: string } | null };
type Review = { startedAt: string | null; territories: Territory[]; abilities: { markRead: boolean; territoryId: string | null } };

describe("review marks (Relu)", () => {
  let w: CommentWorld;
  let episode: Episode;
  let t = Date.now();

  before(async () => {
    w = await commentWorld();
    w.server.ctx.services.reviewMarks.options.now = () => new Date(t);
  });
  after(async () => {
    await w.server.close();
  });

  const fresh = async (status: Episode["status"] = "review") => await buildEpisodeRecord(w.server.ctx, w.cast.programme._id, { status });
  const mark = (as: CastRole, body: unknown = {}, id = episode._id) => w.api("PUT", `/api/episodes/${id}/review/mark`, { as, body });
  const review = async (as: CastRole = "editor", id = episode._id) => {
    const res = await w.api("GET", `/api/episodes/${id}/review`, { as });
    assert.equal(res.status, 200, JSON.stringify(res.json));
    return res.json.review as Review;
  };
  const stored = async (id = episode._id) => w.server.ctx.repos.reviewMarks.marksOf(id, (await w.server.ctx.repos.reviewMarks.round(id))?.round ?? 0);

  it("lets the programme's partner mark the draft in review, with a comment, for their territory", async () => {
    episode = await fresh();
    const before = await review("partner");
    assert.deepEqual(before.abilities, { markRead: true, territoryId: w.cast.territory._id });
    assert.deepEqual(before.territories.map((x) => [x.name, x.read]), [[w.cast.territory.name, null]]);
    const res = await mark("partner", { comment: "  Conforme à ce que nous avons vécu.  " });
    assert.equal(res.status, 200, JSON.stringify(res.json));
    const [territory] = (res.json.review as Review).territories;
    assert.equal(territory!.read?.comment, "Conforme à ce que nous avons vécu.");
    assert.equal(territory!.read?.by.name, w.cast.users.partner.name);
    // The team reads the same; marking again replaces the comment, still one mark.
    assert.equal((await review("editor")).territories[0]!.read?.comment, "Conforme à ce que nous avons vécu.");
    assert.equal((await review("editor")).abilities.markRead, false);
    assert.equal((await mark("partner")).status, 200);
    assert.equal((await stored()).length, 1);
    assert.equal((await review("lead")).territories[0]!.read?.comment, "");
  });

  it("answers every other role with 401, 403 or 404, and stores nothing", async () => {
    episode = await fresh();
    const expected: [CastRole, number][] = [
      ["anonymous", 404],
      ["reader", 404],
      ["otherPartner", 404],
      ["otherEditor", 404],
      ["editor", 403],
      ["lead", 403],
      // The admin may do everything but has no territory to mark for.
      ["admin", 403],
    ];
    for (const [as, status] of expected) {
      const res = await mark(as, { comment: "Relu." });
      assert.equal(res.status, status, `${as}: ${JSON.stringify(res.json)}`);
      assert.ok(res.json.error?.code, `${as}: a coded error`);
    }
    for (const [as, status] of expected) assert.equal((await w.api("DELETE", `/api/episodes/${episode._id}/review/mark`, { as })).status, status, as);
    assert.equal((await w.api("GET", `/api/episodes/${episode._id}/review`, { as: "otherPartner" })).status, 404);
    assert.equal((await w.api("GET", `/api/episodes/${episode._id}/review`, { as: "anonymous" })).status, 404);
    assert.deepEqual(await stored(), []);
  });

  it("refuses bad input with a clear 4xx and stores nothing", async () => {
    episode = await fresh();
    const cases: [unknown, number, string][] = [
      [{ comment: "x".repeat(501) }, 400, "invalid_input"],
      [{ comment: "Relu\u0000" }, 400, "invalid_input"],
      [{ comment: "Relu \u202e inversé" }, 400, "invalid_input"],
      [{ comment: 42 }, 400, "invalid_input"],
      [{ comment: "Relu", territoryId: w.cast.territory._id }, 400, "invalid_input"],
      [{ comment: { $ne: null } }, 400, "invalid_input"],
    ];
    for (const [body, status, code] of cases) {
      const res = await mark("partner", body);
      assert.equal(res.status, status, JSON.stringify(body));
      assert.equal(res.json.error?.code, code);
      assert.equal(typeof (res.json.error as { message?: unknown }).message, "string");
    }
    assert.equal((await w.api("PUT", `/api/episodes/${episode._id}/review/mark`, { as: "partner", raw: "{pas du json" })).status, 400);
    assert.equal((await w.api("PUT", `/api/episodes/pas-un-id/review/mark`, { as: "partner", body: {} })).status, 404);
    assert.deepEqual(await stored(), []);
    // Out of review: a published episode the partner sees cannot be marked.
    const published = await fresh("published");
    const res = await mark("partner", {}, published._id);
    assert.equal(res.status, 409);
    assert.equal(res.json.error?.code, "episode_not_in_review");
    assert.deepEqual(await stored(published._id), []);
  });

  it("lets the territory withdraw its mark, once", async () => {
    episode = await fresh();
    assert.equal((await mark("partner", { comment: "Vu." })).status, 200);
    const res = await w.api("DELETE", `/api/episodes/${episode._id}/review/mark`, { as: "partner" });
    assert.equal(res.status, 200);
    assert.equal((res.json.review as Review).territories[0]!.read, null);
    const again = await w.api("DELETE", `/api/episodes/${episode._id}/review/mark`, { as: "partner" });
    assert.equal(again.status, 409);
    assert.equal(again.json.error?.code, "review_not_marked");
  });

  it("keeps the marks when the episode is submitted again within the hour, resets them on a later round", async () => {
    episode = await fresh("draft");
    const submit = async () => {
      assert.equal((await w.api("POST", `/api/episodes/${episode._id}/submit`, { as: "editor", body: {} })).status, 200);
      await w.server.ctx.services.reviewMarks.idle();
    };
    const backToDraft = async () =>
      assert.equal((await w.api("POST", `/api/episodes/${episode._id}/return-to-draft`, { as: "editor", body: {} })).status, 200);
    await submit();
    const first = (await review()).startedAt;
    assert.ok(first);
    assert.equal((await mark("partner", { comment: "Premier tour." })).status, 200);
    await backToDraft();
    t += REVIEW_ROUND_QUIET_MS - 60_000;
    await submit();
    assert.equal((await review()).startedAt, first, "the same round");
    assert.equal((await review()).territories[0]!.read?.comment, "Premier tour.");
    await backToDraft();
    t += 60_000;
    await submit();
    const later = await review();
    assert.notEqual(later.startedAt, first, "a new round");
    assert.equal(later.territories[0]!.read, null, "marks reset");
  });
});
