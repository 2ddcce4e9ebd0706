// Comments written during review stay among the team and partners, even after the episode is published.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { buildRevision } from "../helpers/factories.ts";
import { type CommentWorld, commentWorld } from "./setup.ts";

type Json = Record<string, unknown>;
const bodies = (json: Json) => (json.comments as Json[]).map((c) => c.body);

describe("review comments after publication", () => {
  let w: CommentWorld;
  before(async () => {
    w = await commentWorld();
  });
  after(async () => {
    await w.server.close();
  });

  it("keeps review comments and their replies off public pages, counts and the readers' API", async () => {
    const { ctx } = w.server;
    const review = w.review;
    const posted = await w.api("POST", `/api/episodes/${review._id}/comments`, {
      as: "partner",
      body: { body: "Relecture : le chiffre de la page 2 est faux." },
    });
    assert.equal(posted.status, 201);
    const reviewCommentId = posted.json.id as string;

    // The episode is published (as the publish service leaves it: a number, a revision, status published).
    await ctx.repos.episodes.update(review._id, { status: "published", number: 77, firstPublishedAt: new Date() });
    const episode = (await ctx.repos.episodes.byId(review._id))!;
    await buildRevision(ctx, episode);

    const reply = await w.api("POST", `/api/episodes/${review._id}/comments`, {
      as: "editor",
      body: { body: "Corrigé avant publication, merci.", parentId: reviewCommentId },
    });
    assert.equal(reply.status, 201);
    const fresh = await w.api("POST", `/api/episodes/${review._id}/comments`, {
      as: "partner",
      body: { body: "Bravo pour cet épisode !" },
    });
    assert.equal(fresh.status, 201);

    for (const role of ["anonymous", "reader", "otherPartner"] as const) {
      const list = await w.api("GET", `/api/episodes/${review._id}/comments`, { as: role });
      assert.equal(list.status, 200, role);
      assert.deepEqual(bodies(list.json), ["Bravo pour cet épisode !"], role);
      const one = await w.api("PATCH", `/api/comments/${reviewCommentId}`, { as: role, body: { body: "x" } });
      assert.ok([401, 404].includes(one.status), `${role}: ${one.status}`);
    }
    const members = await w.api("GET", `/api/episodes/${review._id}/comments`, { as: "partner" });
    const all = JSON.stringify(members.json);
    assert.match(all, /le chiffre de la page 2/);
    assert.match(all, /Corrigé avant publication/);

    const page = await fetch(`${w.server.url}/carnets/${w.cast.programme.slug}/77-${episode.slug}`, {
      headers: { Cookie: w.cast.cookies.partner },
    });
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /Bravo pour cet épisode/);
    assert.doesNotMatch(html, /le chiffre de la page 2|Corrigé avant publication/);

    const counts = await ctx.repos.comments.countVisibleByEpisode([review._id]);
    assert.equal(counts.get(review._id), 1);
  });
});
