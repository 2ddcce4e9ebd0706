// The HTML forms outside /api: Origin checked, access decided by the policy, and every 303 stays on this site.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { Episode } from "../../server/domain/types.ts";
import { buildEpisode } from "../helpers/episodes.ts";
import { TEST_ORIGIN } from "../helpers/server.ts";
import { castServer } from "./setup.ts";

const EVIL = "https://evil.example";

describe("security: HTML forms", () => {
  const env = castServer();
  let episode: Episode;
  let action: string;
  before(async () => {
    episode = await buildEpisode(env.server.ctx, env.cast.programme._id, env.cast.users.lead._id, "published");
    action = `/carnets/${env.cast.programme.slug}/${episode.number}-${episode.slug}/commentaires`;
  });

  const form = (path: string, fields: Record<string, string>, headers: Record<string, string>) =>
    fetch(`${env.server.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html", ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  const comments = async () => (await env.server.ctx.repos.comments.forEpisode(episode._id)).map((c) => c.body);

  /** A 303 to a path of this site: no scheme, no host, no protocol-relative "//". */
  function assertLocal(res: Response) {
    assert.equal(res.status, 303);
    const location = res.headers.get("location") ?? "";
    assert.match(location, /^\/(?![/\\])/, `303 to ${location}`);
    assert.equal(new URL(location, TEST_ORIGIN).origin, TEST_ORIGIN);
  }

  it("the comment form refuses a signed-in post from another site, or with no Origin or Referer at all", async () => {
    const cookie = env.cast.cookies.partner;
    assert.equal((await form(action, { body: "Depuis ailleurs." }, { cookie, origin: EVIL })).status, 403);
    assert.equal((await form(action, { body: "Par le Referer." }, { cookie, referer: `${EVIL}/page` })).status, 403);
    assert.equal((await form(action, { body: "Sans origine." }, { cookie })).status, 403);
    assert.equal((await form(action, { body: "Origine nulle." }, { cookie, origin: "null" })).status, 403);
    assert.deepEqual(await comments(), []);
    assertLocal(await form(action, { body: "Par le Referer du site." }, { cookie, referer: `${TEST_ORIGIN}${action}` }));
    assert.deepEqual(await comments(), ["Par le Referer du site."]);
  });

  it("the comment form lets the policy decide, and answers 303 on this site whatever the outcome", async () => {
    const before = (await comments()).length;
    // Signed in without a role, or a partner of another programme: back to the page with an error, nothing stored.
    for (const cookie of [env.cast.cookies.reader, env.cast.cookies.otherPartner]) {
      const res = await form(action, { body: "Je ne suis pas membre." }, { cookie, origin: TEST_ORIGIN });
      assertLocal(res);
      assert.match(res.headers.get("location") ?? "", /commentaire=forbidden/);
    }
    assertLocal(await form(action, { body: "Anonyme." }, { origin: TEST_ORIGIN }));
    assert.equal((await comments()).length, before);
    // Redirect targets in the form or the query are not ours to follow.
    for (const extra of [{ next: EVIL }, { redirect: "//evil.example/" }, { suite: EVIL }] as Record<string, string>[]) {
      const res = await form(`${action}?next=${encodeURIComponent(EVIL)}&redirect=${encodeURIComponent("//evil.example")}`, { body: "Avec une cible.", ...extra }, {
        cookie: env.cast.cookies.editor,
        origin: TEST_ORIGIN,
      });
      assertLocal(res);
      assert.doesNotMatch(res.headers.get("location") ?? "", /evil/);
    }
  });

  it("the subscription form refuses another site's Origin, ignores redirect targets, and stays on this site", async () => {
    const foreign = await form("/abonnement", { email: "lectrice@example.org", programme: "" }, { origin: EVIL });
    assert.equal(foreign.status, 403);
    assertLocal(await form(`/abonnement?next=${encodeURIComponent(EVIL)}`, { email: "lectrice@example.org", programme: "" }, { origin: TEST_ORIGIN }));
    const withTarget = await form("/abonnement", { email: "lecteur@example.org", programme: "", next: EVIL }, { origin: TEST_ORIGIN });
    assert.equal(withTarget.status, 400, "unknown fields are refused, not followed");
    const operator = await form("/abonnement", { email: "lecteur@example.org", "programme[$ne]": "" }, { origin: TEST_ORIGIN });
    assert.equal(operator.status, 400);
  });

  it("confirm and unsubscribe forms from another site are refused; a bad link changes nothing", async () => {
    for (const path of ["/abonnement/confirmer/abcdefghijklmnopqrstuvwxyz", "/abonnement/desabonner/abcdefghijklmnopqrstuvwxyz"]) {
      assert.equal((await form(path, {}, { origin: EVIL })).status, 403, path);
      assert.equal((await form(path, {}, { origin: TEST_ORIGIN })).status, 410, path);
    }
  });

  it("signing in from another site is refused (no login CSRF)", async () => {
    const res = await fetch(`${env.server.url}/api/session`, {
      method: "POST",
      headers: { origin: EVIL, "content-type": "application/json" },
      body: JSON.stringify({ email: env.cast.users.reader.email, password: "correct horse battery staple" }),
    });
    assert.equal(res.status, 403);
    assert.equal(res.headers.get("set-cookie"), null);
  });
});
