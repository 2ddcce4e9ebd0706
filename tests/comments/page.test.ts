// The comments section on the public episode page, and the form that works without JavaScript.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TEST_ORIGIN } from "../helpers/server.ts";
import { type CommentWorld, commentWorld } from "./setup.ts";

describe("comments on the episode page", () => {
  let w: CommentWorld;
  before(async () => {
    w = await commentWorld();
  });
  after(async () => {
    await w.server.close();
  });

  const pagePath = (e: { number: number | null; slug: string }) => `/carnets/${w.cast.programme.slug}/${e.number}-${e.slug}`;
  const page = async (path: string, cookie?: string) => {
    const res = await fetch(w.server.url + path, { headers: { Accept: "text/html", ...(cookie ? { Cookie: cookie } : {}) } });
    return { status: res.status, text: await res.text() };
  };
  const postForm = (path: string, fields: Record<string, string>, headers: Record<string, string>) =>
    fetch(w.server.url + path, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(fields).toString(),
    });

  it("shows comments to signed-out readers with a link to sign in, and no form", async () => {
    const episode = await w.newEpisode();
    await w.api("POST", `/api/episodes/${episode._id}/comments`, { as: "partner", body: { body: "<b>gras</b> ?\n\nhttps://exemple.fr" } });
    const { status, text } = await page(pagePath(episode));
    assert.equal(status, 200);
    assert.match(text, /<section class="comments" id="commentaires"/);
    assert.match(text, /&lt;b&gt;gras&lt;\/b&gt; \?/);
    assert.match(text, /<a href="https:\/\/exemple.fr\/" rel="ugc nofollow noopener noreferrer">https:\/\/exemple.fr<\/a>/);
    assert.match(text, new RegExp(`<span class="badge territory">${w.cast.territory.name}</span>`));
    assert.match(text, /<a href="\/atelier\/">Connectez-vous pour commenter<\/a>/);
    assert.doesNotMatch(text, /<textarea/);
  });

  it("posts without JavaScript and redirects (303) to the new comment's anchor", async () => {
    const episode = await w.newEpisode();
    const action = `${pagePath(episode)}/commentaires`;
    const form = await page(pagePath(episode), w.cast.cookies.partner);
    assert.match(form.text, new RegExp(`<form class="comment-form" method="post" action="${action}">`));
    const res = await postForm(action, { body: "Envoyé sans JavaScript." }, { Origin: TEST_ORIGIN, Cookie: w.cast.cookies.partner });
    assert.equal(res.status, 303);
    const location = res.headers.get("location")!;
    const id = /#commentaire-([a-f0-9]{24})$/.exec(location)?.[1];
    assert.ok(id, location);
    assert.ok(location.startsWith(pagePath(episode)));
    const after = await page(pagePath(episode));
    assert.match(after.text, new RegExp(`id="commentaire-${id}"`));
    assert.match(after.text, /Envoyé sans JavaScript\./);
    // A reply through the form of that comment.
    const reply = await postForm(action, { body: "Réponse sans script.", parentId: id! }, { Origin: TEST_ORIGIN, Cookie: w.cast.cookies.editor });
    assert.equal(reply.status, 303);
    const stored = await w.server.ctx.repos.comments.forEpisode(episode._id);
    assert.equal(stored[1]?.parentId, id);
  });

  it("refuses a form from another origin, and reports errors back on the page", async () => {
    const episode = await w.newEpisode();
    const action = `${pagePath(episode)}/commentaires`;
    const forged = await postForm(action, { body: "CSRF" }, { Origin: "https://evil.example", Cookie: w.cast.cookies.partner });
    assert.equal(forged.status, 403);
    const noOrigin = await postForm(action, { body: "CSRF" }, { Cookie: w.cast.cookies.partner });
    assert.equal(noOrigin.status, 403);
    const empty = await postForm(action, { body: "  " }, { Origin: TEST_ORIGIN, Cookie: w.cast.cookies.partner });
    assert.equal(empty.status, 303);
    const location = empty.headers.get("location")!;
    assert.equal(location, `${pagePath(episode)}?commentaire=comment_empty#commenter`);
    const shown = await page(location.replace(/#.*/, ""), w.cast.cookies.partner);
    assert.match(shown.text, /<p class="comment-error" role="alert">Le commentaire est vide\.<\/p>/);
    const operator = await postForm(action, { "body[$gt]": "" }, { Origin: TEST_ORIGIN, Cookie: w.cast.cookies.partner });
    assert.equal(operator.headers.get("location"), `${pagePath(episode)}?commentaire=invalid_input#commenter`);
    const anonymous = await postForm(action, { body: "Anonyme" }, { Origin: TEST_ORIGIN });
    assert.equal(anonymous.status, 303);
    assert.equal(anonymous.headers.get("location"), "/atelier/");
    assert.equal((await w.server.ctx.repos.comments.forEpisode(episode._id)).length, 0);
    const reader = await postForm(action, { body: "Lecteur" }, { Origin: TEST_ORIGIN, Cookie: w.cast.cookies.reader });
    assert.equal(reader.headers.get("location"), `${pagePath(episode)}?commentaire=forbidden#commenter`);
  });

  it("hides hidden comments from the public page, shows closed threads, and never shows review comments publicly", async () => {
    const episode = await w.newEpisode();
    const c = await w.api("POST", `/api/episodes/${episode._id}/comments`, { as: "partner", body: { body: "Sera masqué." } });
    await w.api("PATCH", `/api/comments/${c.json.id}`, { as: "editor", body: { status: "hidden" } });
    assert.doesNotMatch((await page(pagePath(episode))).text, /Sera masqué/);
    assert.match((await page(pagePath(episode), w.cast.cookies.editor)).text, /Sera masqué/);
    await w.api("POST", `/api/episodes/${episode._id}/comments/close`, { as: "lead" });
    const closed = await page(pagePath(episode), w.cast.cookies.partner);
    assert.match(closed.text, /Les commentaires sont fermés\./);
    assert.doesNotMatch(closed.text, /<textarea/);
    const action = `${pagePath(episode)}/commentaires`;
    const refused = await postForm(action, { body: "Fermé ?" }, { Origin: TEST_ORIGIN, Cookie: w.cast.cookies.partner });
    assert.equal(refused.headers.get("location"), `${pagePath(episode)}?commentaire=comments_closed#commenter`);
    const reviewPost = await postForm(`/carnets/${w.cast.programme.slug}/999-rien/commentaires`, { body: "x" }, { Origin: TEST_ORIGIN, Cookie: w.cast.cookies.partner });
    assert.equal(reviewPost.status, 404);
  });
});
