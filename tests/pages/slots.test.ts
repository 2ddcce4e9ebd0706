// The slots other issues fill (subscription form, comments): inserted per request, or shared until an event.
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import express from "express";
import { html } from "../../server/pages/html.ts";
import { publicPages } from "../../server/pages/routes.ts";
import { buildProgramme, buildPublishedEpisode } from "../helpers/factories.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

let server: TestServer;
let app: http.Server;
let base = "";
let calls = 0;
let page = "";

before(async () => {
  server = await startTestServer();
  const programme = await buildProgramme(server.ctx, { slug: "emplacements", title: "Emplacements" });
  const { episode } = await buildPublishedEpisode(server.ctx, programme._id, { title: "Avec commentaires", slug: "avec" });
  page = `/carnets/emplacements/${episode.number}-avec`;
  const router = publicPages(server.ctx, {
    comments: ({ episode: e, req }) => {
      calls++;
      return html`<section id="commentaires"><h2>Commentaires de ${e.title} (${req.actor.kind}) n°${calls}</h2></section>`;
    },
    subscribeForm: ({ programme: p }) => html`<form class="subscribe"><p>Abonnement à ${p ? p.title : "tout"}</p></form>`,
    sharedUntil: ["comment.created"],
  });
  const ex = express();
  // Stands in for loadActor: a request with "x-user" is a signed-in user.
  ex.use((req, _res, next) => {
    req.actor = req.headers["x-user"] ? { kind: "user", userId: "u", isAdmin: false, roles: new Map() } : { kind: "anonymous" };
    next();
  });
  ex.use(router);
  app = http.createServer(ex);
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise<void>((resolve) => app.close(() => resolve()));
  await server.close();
});

describe("page slots", () => {
  it("the subscription form goes into the follow box of the home and programme pages", async () => {
    const home = await (await fetch(`${base}/`)).text();
    assert.match(home, /<aside class="follow"[\s\S]*<form class="subscribe"><p>Abonnement à tout<\/p><\/form>\s*<\/aside>/);
    const journal = await (await fetch(`${base}/carnets/emplacements`)).text();
    assert.match(journal, /Abonnement à Emplacements/);
  });

  it("comments are shared among anonymous readers until the announced event, and per request when signed in", async () => {
    const first = await fetch(base + page);
    const body = await first.text();
    assert.match(body, /Commentaires de Avec commentaires \(anonymous\) n°1/);
    assert.equal(first.headers.get("last-modified"), null, "a slot's changes are only told by the ETag");
    assert.match(first.headers.get("vary") ?? "", /Cookie/);
    assert.match(await (await fetch(base + page)).text(), /\(anonymous\) n°1/);
    server.ctx.events.emit("comment.created", { commentId: "c", episodeId: "e", programmeId: "p" });
    const fresh = await fetch(base + page, { headers: { "if-none-match": first.headers.get("etag")!, "cache-control": "max-age=0" } });
    assert.equal(fresh.status, 200);
    assert.match(await fresh.text(), /\(anonymous\) n°2/);
    const signedIn = await fetch(base + page, { headers: { "x-user": "1" } });
    assert.match(await signedIn.text(), /\(user\) n°3/);
    assert.equal(signedIn.headers.get("cache-control"), "private, no-cache");
    assert.match(await (await fetch(`${base + page}?commentaire=comment_empty`)).text(), /\(anonymous\) n°4/);
  });
});
