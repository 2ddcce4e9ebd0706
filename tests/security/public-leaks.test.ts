// Nothing unpublished and no private address reaches a reader: public pages, feeds, sitemap, and the API read anonymously.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { Episode } from "../../server/domain/types.ts";
import { buildEpisode } from "../helpers/episodes.ts";
import { TEST_ORIGIN } from "../helpers/server.ts";
import { castServer } from "./setup.ts";

const SECRETS = [
  "SECRET-DRAFT-TITLE",
  "SECRET-DRAFT-SUMMARY",
  "SECRET-REVIEW-TITLE",
  "SECRET-REVIEW-SUMMARY",
  "SECRET-EDIT-TITLE",
  "SECRET-EDIT-SUMMARY",
  "SECRET-REVIEW-COMMENT",
];

describe("security: no leak to readers", () => {
  const env = castServer();
  let published: Episode;
  let review: Episode;
  let draft: Episode;

  before(async () => {
    const { ctx } = env.server;
    const { lead, editor } = env.cast.users;
    const pub = await buildEpisode(ctx, env.cast.programme._id, lead._id, "published");
    // After publication the team keeps editing: none of it is public until the next publication.
    await ctx.services.episodes.update(pub, { title: "SECRET-EDIT-TITLE", summary: "SECRET-EDIT-SUMMARY", authorIds: [lead._id, editor._id] });
    published = pub;
    review = await buildEpisode(ctx, env.cast.programme._id, lead._id, "review").then(async (e) => {
      await ctx.services.episodes.update(e, { title: "SECRET-REVIEW-TITLE", summary: "SECRET-REVIEW-SUMMARY" });
      return e;
    });
    draft = await buildEpisode(ctx, env.cast.programme._id, lead._id, "draft");
    await ctx.services.episodes.update(draft, { title: "SECRET-DRAFT-TITLE", summary: "SECRET-DRAFT-SUMMARY" });
    const comment = await fetch(`${env.server.url}/api/episodes/${review._id}/comments`, {
      method: "POST",
      headers: { origin: TEST_ORIGIN, "content-type": "application/json", cookie: env.cast.cookies.partner },
      body: JSON.stringify({ body: "SECRET-REVIEW-COMMENT" }),
    });
    assert.equal(comment.status, 201);
  });

  const get = async (path: string, cookie?: string) => {
    const res = await fetch(`${env.server.url}${path}`, { headers: cookie ? { cookie } : {} });
    return { status: res.status, text: await res.text() };
  };

  function assertClean(where: string, text: string, extra: string[] = []) {
    for (const secret of [...SECRETS, ...extra]) assert.ok(!text.includes(secret), `${where} shows ${secret}`);
    for (const user of Object.values(env.cast.users)) assert.ok(!text.includes(user.email), `${where} shows the e-mail of ${user.name}`);
  }

  it("public pages, feeds, sitemap and JSON-LD/OpenGraph show only published revisions", async () => {
    const p = env.cast.programme.slug;
    const episodeList = await get(`/api/programmes/${env.cast.programme._id}/episodes`);
    assert.equal(episodeList.status, 200);
    const pages = [
      "/",
      `/carnets/${p}`,
      `/carnets/${p}/${published.number}`,
      "/sitemap.xml",
      "/robots.txt",
      ...["atom", "rss", "json"].flatMap((f) => [`/feed.${f}`, `/carnets/${p}/feed.${f}`]),
    ];
    let sawEpisode = false;
    for (const path of pages) {
      // Follow the 301 to the canonical address of the episode.
      const res = await fetch(`${env.server.url}${path}`);
      const text = await res.text();
      assert.equal(res.status, 200, path);
      assertClean(path, text);
      if (text.includes(`Épisode de test`)) sawEpisode = true;
    }
    assert.ok(sawEpisode, "the published title is there, so the check looked at real pages");
  });

  it("the API read anonymously, or by a partner, shows a published episode as published, not its draft", async () => {
    const editorName = env.cast.users.editor.name;
    for (const [who, cookie] of [
      ["anonymous", undefined],
      ["reader", env.cast.cookies.reader],
      ["partner", env.cast.cookies.partner],
    ] as const) {
      const one = await get(`/api/episodes/${published._id}`, cookie);
      assert.equal(one.status, 200);
      assertClean(`${who}: GET /api/episodes/:id`, one.text, [editorName]);
      const list = await get(`/api/programmes/${env.cast.programme._id}/episodes`, cookie);
      assertClean(`${who}: GET /api/programmes/:id/episodes`, list.text.replace(/"SECRET-REVIEW-(TITLE|SUMMARY)"/g, who === "partner" ? "" : "$&"), [editorName]);
    }
    const team = await get(`/api/episodes/${published._id}`, env.cast.cookies.editor);
    assert.ok(team.text.includes("SECRET-EDIT-TITLE"), "the team sees its draft");
  });

  it("episodes in review and drafts are 404 to readers, and their comments stay among members", async () => {
    for (const id of [review._id, draft._id]) {
      assert.equal((await get(`/api/episodes/${id}`)).status, 404);
      assert.equal((await get(`/api/episodes/${id}`, env.cast.cookies.reader)).status, 404);
      assert.equal((await get(`/api/episodes/${id}/comments`)).status, 404);
      assert.equal((await get(`/api/episodes/${id}/comments`, env.cast.cookies.otherEditor)).status, 404);
    }
    assert.equal((await get(`/api/episodes/${draft._id}`, env.cast.cookies.partner)).status, 404);
    const partner = await get(`/api/episodes/${review._id}`, env.cast.cookies.partner);
    assert.equal(partner.status, 200);
    assert.ok(partner.text.includes("SECRET-REVIEW-TITLE"));
  });

  it("the API never shows a password hash, a session, a document state or another user's e-mail to a non-admin", async () => {
    const paths = [
      "/api/me",
      "/api/programmes",
      `/api/programmes/${env.cast.programme._id}`,
      `/api/programmes/${env.cast.programme._id}/episodes`,
      `/api/episodes/${published._id}`,
      `/api/episodes/${published._id}/comments`,
      `/api/episodes/${published._id}/revisions`,
      `/api/episodes/${review._id}/comments`,
      "/api/territories",
      "/api/moderation/comments",
    ];
    for (const role of ["editor", "partner"] as const) {
      const me = env.cast.users[role];
      for (const path of paths) {
        const { text } = await get(path, env.cast.cookies[role]);
        assert.ok(!/passwordHash|\$argon2|yState|sessionId|TokenHash/i.test(text), `${role}: ${path} shows a secret`);
        for (const other of Object.values(env.cast.users))
          if (other._id !== me._id) assert.ok(!text.includes(other.email), `${role}: ${path} shows ${other.name}'s e-mail`);
      }
    }
  });
});
