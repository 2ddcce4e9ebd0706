// Rights in one programme reach nothing of another through an id in the address or the body.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { Episode } from "../../server/domain/types.ts";
import { buildEpisode } from "../helpers/episodes.ts";
import { buildMembership, buildUser } from "../helpers/factories.ts";
import { TEST_ORIGIN } from "../helpers/server.ts";
import { castServer } from "./setup.ts";

describe("security: ids of another programme", () => {
  const env = castServer();
  /** Episodes of the other programme, where the cast's lead and editor have no role. */
  let theirs: { draft: Episode; published: Episode };
  let mine: Episode;
  let theirComment: string;

  before(async () => {
    const { ctx } = env.server;
    const otherLead = await buildUser(ctx);
    await buildMembership(ctx, otherLead._id, env.cast.other._id, "lead");
    theirs = {
      draft: await buildEpisode(ctx, env.cast.other._id, env.cast.users.otherEditor._id, "draft"),
      published: await buildEpisode(ctx, env.cast.other._id, env.cast.users.otherEditor._id, "published"),
    };
    mine = await buildEpisode(ctx, env.cast.programme._id, env.cast.users.lead._id, "published");
    const res = await call("POST", `/api/episodes/${theirs.published._id}/comments`, env.cast.cookies.otherPartner, { body: "Leur commentaire." });
    assert.equal(res.status, 201);
    theirComment = ((await res.json()) as { id: string }).id;
  });

  function call(method: string, path: string, cookie: string, body?: unknown, type = "application/json") {
    return fetch(`${env.server.url}${path}`, {
      method,
      headers: { origin: TEST_ORIGIN, cookie, "content-type": type },
      body: body === undefined ? undefined : Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body),
    });
  }
  const refused = (status: number) => status === 403 || status === 404;

  it("a comment of another programme cannot be moderated, edited or deleted", async () => {
    const { lead, editor } = env.cast.cookies;
    for (const cookie of [lead, editor]) {
      assert.ok(refused((await call("PATCH", `/api/comments/${theirComment}`, cookie, { status: "hidden" })).status));
      assert.ok(refused((await call("PATCH", `/api/comments/${theirComment}`, cookie, { body: "Réécrit." })).status));
      assert.ok(refused((await call("DELETE", `/api/comments/${theirComment}`, cookie)).status));
    }
    const stored = await env.server.ctx.repos.comments.byId(theirComment);
    assert.equal(stored?.status, "visible");
    assert.equal(stored?.body, "Leur commentaire.");
  });

  it("a reply cannot hang under a comment of another episode", async () => {
    const res = await call("POST", `/api/episodes/${mine._id}/comments`, env.cast.cookies.editor, { body: "Réponse égarée.", parentId: theirComment });
    assert.equal(res.status, 422);
    const form = await fetch(`${env.server.url}/carnets/${env.cast.programme.slug}/${mine.number}/commentaires`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: TEST_ORIGIN, cookie: env.cast.cookies.editor, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ body: "Réponse égarée par le formulaire.", parentId: theirComment }).toString(),
    });
    assert.equal(form.status, 303);
    assert.match(form.headers.get("location") ?? "", /commentaire=parent_not_found/);
    const replies = (await env.server.ctx.repos.comments.forEpisode(mine._id)).filter((c) => c.parentId === theirComment);
    assert.equal(replies.length, 0);
  });

  it("a lead cannot change or remove a member of another programme through their own programme", async () => {
    const target = env.cast.users.otherEditor._id;
    const base = `/api/programmes/${env.cast.programme._id}/members/${target}`;
    assert.equal((await call("PATCH", base, env.cast.cookies.lead, { role: "partner" })).status, 404);
    assert.equal((await call("DELETE", base, env.cast.cookies.lead)).status, 404);
    const theirBase = `/api/programmes/${env.cast.other._id}/members/${target}`;
    assert.equal((await call("PATCH", theirBase, env.cast.cookies.lead, { role: "partner" })).status, 403);
    assert.equal((await env.server.ctx.repos.memberships.find(target, env.cast.other._id))?.role, "editor");
  });

  it("revisions, images, comment switches, moderation and invitations of another programme are refused", async () => {
    const { lead, editor } = env.cast.cookies;
    const [revision] = await env.server.ctx.repos.revisions.forEpisode(theirs.published._id);
    assert.ok(revision);
    assert.equal((await call("GET", `/api/revisions/${revision._id}`, editor)).status, 403, "published, so visible, but not theirs");
    assert.equal((await call("POST", `/api/episodes/${mine._id}/revisions/${revision._id}/restore`, lead, {})).status, 404);
    const png = Buffer.from("89504e470d0a1a0a", "hex");
    assert.equal((await call("POST", `/api/episodes/${theirs.draft._id}/images`, editor, png, "image/png")).status, 404);
    assert.equal((await call("POST", `/api/episodes/${theirs.published._id}/images`, editor, png, "image/png")).status, 403);
    assert.equal((await call("POST", `/api/episodes/${theirs.published._id}/comments/close`, lead, {})).status, 403);
    assert.equal((await env.server.ctx.repos.episodes.byId(theirs.published._id))?.commentsClosed, false);
    assert.equal((await call("GET", `/api/moderation/comments?programmeId=${env.cast.other._id}`, lead)).status, 403);
    assert.equal((await call("GET", `/api/programmes/${env.cast.other._id}/subscribers/count`, lead)).status, 403);
    const invite = await call("POST", `/api/programmes/${env.cast.other._id}/invitations`, lead, { email: "intrus@example.org", role: "lead" });
    assert.equal(invite.status, 403);
    for (const path of [`/api/episodes/${theirs.draft._id}`, `/api/episodes/${theirs.draft._id}/revisions`])
      assert.equal((await call("GET", path, editor)).status, 404);
    assert.equal((await call("PATCH", `/api/episodes/${theirs.published._id}`, editor, { title: "Détourné" })).status, 403);
  });
});
