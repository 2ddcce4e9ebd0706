// Comment counts on public episode lists, and cached public pages following every comment change at once.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Episode } from "../../server/domain/types.ts";
import { type CommentWorld, commentWorld } from "../comments/setup.ts";

describe("comment counts and the page cache", () => {
  let w: CommentWorld;
  let episode: Episode;
  before(async () => {
    w = await commentWorld();
    episode = await w.newEpisode({ title: "Compté", slug: "compte" });
  });
  after(async () => {
    await w.server.close();
  });

  // Anonymous and revalidating, as a browser coming back: a stale cache would answer 304 or old bytes.
  const get = async (path: string, etag?: string) => {
    const res = await fetch(w.server.url + path, {
      headers: { "cache-control": "max-age=0", ...(etag ? { "if-none-match": etag } : {}) },
    });
    return { status: res.status, etag: res.headers.get("etag")!, text: await res.text() };
  };
  const episodePath = () => `/carnets/${w.cast.programme.slug}/${episode.number}-${episode.slug}`;
  const countOn = (text: string) => {
    const item = new RegExp(`href="${episodePath()}#commentaires">([^<]+)</a>`).exec(text);
    return item ? item[1] : null;
  };
  const post = async (body: string, parentId?: string) => {
    const res = await w.api("POST", `/api/episodes/${episode._id}/comments`, { as: "partner", body: { body, ...(parentId ? { parentId } : {}) } });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    return res.json as unknown as { id: string };
  };

  it("lists show no count before the first comment, then follow posts, hiding, showing and deletion", async () => {
    const journal = `/carnets/${w.cast.programme.slug}`;
    const before = await get(journal);
    assert.equal(countOn(before.text), null);
    assert.equal(countOn((await get("/")).text), null);

    const first = await post("Premier commentaire compté.");
    const afterPost = await get(journal, before.etag);
    assert.equal(afterPost.status, 200, "a new comment changes the cached page");
    assert.equal(countOn(afterPost.text), "1 commentaire");
    assert.equal(countOn((await get("/")).text), "1 commentaire", "the home page's latest episodes too");

    await post("Une réponse, comptée aussi.", first.id);
    const two = await get(journal, afterPost.etag);
    assert.equal(countOn(two.text), "2 commentaires");

    const hidden = await w.api("PATCH", `/api/comments/${first.id}`, { as: "lead", body: { status: "hidden" } });
    assert.equal(hidden.status, 200);
    const afterHide = await get(journal, two.etag);
    assert.equal(afterHide.status, 200);
    assert.equal(countOn(afterHide.text), "1 commentaire", "hidden comments are not counted");

    await w.api("PATCH", `/api/comments/${first.id}`, { as: "lead", body: { status: "visible" } });
    assert.equal(countOn((await get(journal)).text), "2 commentaires");

    assert.equal((await w.api("DELETE", `/api/comments/${first.id}`, { as: "lead" })).status, 204);
    assert.equal(countOn((await get(journal)).text), "1 commentaire");
    assert.equal(countOn((await get("/")).text), "1 commentaire");
  });

  it("the episode page shared among anonymous readers shows each change at once", async () => {
    const page = await get(episodePath());
    const comment = await post("Visible tout de suite sur la page partagée.");
    const shown = await get(episodePath(), page.etag);
    assert.equal(shown.status, 200);
    assert.match(shown.text, /Visible tout de suite sur la page partagée\./);

    await w.api("PATCH", `/api/comments/${comment.id}`, { as: "lead", body: { status: "hidden" } });
    const hidden = await get(episodePath(), shown.etag);
    assert.doesNotMatch(hidden.text, /Visible tout de suite/);

    assert.equal((await w.api("POST", `/api/episodes/${episode._id}/comments/close`, { as: "lead" })).status, 200);
    assert.match((await get(episodePath(), hidden.etag)).text, /Les commentaires sont fermés\./);
    await w.api("POST", `/api/episodes/${episode._id}/comments/open`, { as: "lead" });
    assert.doesNotMatch((await get(episodePath())).text, /Les commentaires sont fermés\./);
  });
});
