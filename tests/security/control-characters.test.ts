// Names, titles, slugs and comments refuse NUL, C0/C1 controls and bidirectional overrides with a clear 400.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { Episode } from "../../server/domain/types.ts";
import { buildEpisode } from "../helpers/episodes.ts";
import { TEST_ORIGIN } from "../helpers/server.ts";
import { castServer } from "./setup.ts";

/** NUL, a C0 control, DEL, a C1 control (NEL), a right-to-left override, a first-strong isolate, a pop. */
const HOSTILE = ["\u0000", "\u001b", "\u007f", "\u0085", "\u202e", "\u2068", "\u202c"];

describe("security: control and direction characters", () => {
  const env = castServer();
  let episode: Episode;
  before(async () => {
    episode = await buildEpisode(env.server.ctx, env.cast.programme._id, env.cast.users.lead._id, "published");
  });

  const send = (method: string, path: string, cookie: string, body: unknown) =>
    fetch(`${env.server.url}/api${path}`, {
      method,
      headers: { origin: TEST_ORIGIN, cookie, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  /** Every write of a name, title, slug or comment, with the text to place in it. */
  const writes = () => {
    const { cookies, programme, territory, users } = env.cast;
    return [
      { what: "episode title", go: (t: string) => send("POST", `/programmes/${programme._id}/episodes`, cookies.editor, { title: `Épisode ${t}` }) },
      { what: "episode slug", go: (t: string) => send("PATCH", `/episodes/${episode._id}`, cookies.editor, { slug: `pas${t}` }) },
      { what: "programme title", go: (t: string) => send("PATCH", `/programmes/${programme._id}`, cookies.lead, { title: `Cantines ${t}` }) },
      { what: "resource label", go: (t: string) => send("PATCH", `/programmes/${programme._id}`, cookies.lead, { resources: [{ label: `Rapport ${t}`, url: "https://example.org/r" }] }) },
      { what: "territory name", go: (t: string) => send("PATCH", `/territories/${territory._id}`, cookies.admin, { name: `Ville ${t}` }) },
      { what: "user name", go: (t: string) => send("PATCH", `/users/${users.reader._id}`, cookies.admin, { name: `Camille ${t}` }) },
      { what: "comment", go: (t: string) => send("POST", `/episodes/${episode._id}/comments`, cookies.partner, { body: `Merci ${t} !` }) },
    ];
  };

  it("refuses each of them with 400 invalid_input and writes nothing", async () => {
    const before = JSON.stringify(await env.server.ctx.repos.programmes.byId(env.cast.programme._id));
    for (const write of writes()) {
      for (const char of HOSTILE) {
        const res = await write.go(`a${char}b`);
        assert.equal(res.status, 400, `${write.what} with U+${char.codePointAt(0)!.toString(16).padStart(4, "0")}`);
        const body = (await res.json()) as { error: { code: string; message: string } };
        assert.equal(body.error.code, "invalid_input");
        assert.match(body.error.message, /caractères de contrôle ou de direction refusés/);
      }
    }
    assert.equal(JSON.stringify(await env.server.ctx.repos.programmes.byId(env.cast.programme._id)), before);
    assert.equal((await env.server.ctx.repos.comments.forEpisode(episode._id)).length, 0);
  });

  it("refuses line breaks in one-line fields, keeps them in comments, and takes ordinary accents and scripts", async () => {
    const { cookies, programme } = env.cast;
    assert.equal((await send("PATCH", `/programmes/${programme._id}`, cookies.lead, { title: "Deux\nlignes" })).status, 400);
    const comment = await send("POST", `/episodes/${episode._id}/comments`, cookies.partner, { body: "Premier paragraphe.\r\n\r\nSecond." });
    assert.equal(comment.status, 201);
    const title = "Écoles d’été — مدرسة · 学校 ✓";
    assert.equal((await send("PATCH", `/programmes/${programme._id}`, cookies.lead, { title })).status, 200);
    assert.equal((await env.server.ctx.repos.programmes.byId(programme._id))?.title, title);
  });
});
