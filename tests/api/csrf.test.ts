// CSRF: state-changing requests carrying a session must come from this site (Sec-Fetch-Site, Origin or Referer; JSON and HTML forms).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import request from "supertest";
import { buildUser, sessionCookieFor, TEST_PASSWORD } from "../helpers/factories.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

let server: TestServer;
const NEW = "une phrase de passe toute neuve";

describe("CSRF origin check", () => {
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.close();
  });

  async function victim() {
    const user = await buildUser(server.ctx);
    return { user, cookie: await sessionCookieFor(server.ctx, user._id) };
  }
  const change = (cookie: string) =>
    request(server.url).post("/api/me/password").set("Cookie", cookie).send({ currentPassword: TEST_PASSWORD, newPassword: NEW });

  async function unchanged(userId: string, hash: string | null) {
    assert.equal((await server.ctx.repos.users.byId(userId))!.passwordHash, hash);
  }

  it("refuses a JSON request with a session from another origin, or with no origin at all", async () => {
    const { user, cookie } = await victim();
    for (const res of [
      await change(cookie).set("Origin", "https://evil.example"),
      await change(cookie).set("Origin", "null"),
      await change(cookie),
      await change(cookie).set("Referer", "https://evil.example/page"),
      await change(cookie).set("Origin", `${server.origin}.evil.example`),
    ]) {
      assert.equal(res.status, 403);
      assert.equal(res.body.error.code, "csrf_origin_mismatch");
    }
    await unchanged(user._id, user.passwordHash);
    const signOut = await request(server.url).delete("/api/session").set("Cookie", cookie).set("Origin", "https://evil.example");
    assert.equal(signOut.status, 403);
    assert.equal((await request(server.url).get("/api/me").set("Cookie", cookie)).status, 200);
  });

  it("accepts the public origin, by Origin or by Referer", async () => {
    const a = await victim();
    assert.equal((await change(a.cookie).set("Origin", server.origin)).status, 204);
    const b = await victim();
    assert.equal((await change(b.cookie).set("Referer", `${server.origin}/atelier/compte`)).status, 204);
  });

  it("accepts a browser's same-origin post whatever its Origin (null under no-referrer), and refuses another site's", async () => {
    const ours = await victim();
    assert.equal((await change(ours.cookie).set("Sec-Fetch-Site", "same-origin").set("Origin", "null")).status, 204);
    const { user, cookie } = await victim();
    for (const site of ["cross-site", "same-site"]) {
      for (const origin of [server.origin, "null"]) {
        const res = await change(cookie).set("Sec-Fetch-Site", site).set("Origin", origin);
        assert.equal(res.status, 403, `${site} from ${origin}`);
        assert.equal(res.body.error.code, "csrf_origin_mismatch");
      }
    }
    assert.equal((await change(cookie).set("Sec-Fetch-Site", "none").set("Origin", "null")).status, 403);
    await unchanged(user._id, user.passwordHash);
  });

  it("refuses an HTML form posted from another site, and accepts one from ours", async () => {
    const { user, cookie } = await victim();
    const form = `currentPassword=${encodeURIComponent(TEST_PASSWORD)}&newPassword=${encodeURIComponent(NEW)}`;
    const evil = await request(server.url)
      .post("/api/me/password")
      .set("Cookie", cookie)
      .set("Origin", "https://evil.example")
      .type("form")
      .send(form);
    assert.equal(evil.status, 403);
    await unchanged(user._id, user.passwordHash);
    const ours = await request(server.url).post("/api/me/password").set("Cookie", cookie).set("Origin", server.origin).type("form").send(form);
    assert.equal(ours.status, 204);
  });

  it("refuses signing in from another site (login CSRF), without a session too", async () => {
    const user = await buildUser(server.ctx);
    const res = await request(server.url)
      .post("/api/session")
      .set("Origin", "https://evil.example")
      .type("form")
      .send(`email=${encodeURIComponent(user.email)}&password=${encodeURIComponent(TEST_PASSWORD)}`);
    assert.equal(res.status, 403);
    assert.equal(res.headers["set-cookie"], undefined);
  });

  it("lets reading requests through whatever their origin", async () => {
    const { cookie } = await victim();
    assert.equal((await request(server.url).get("/api/me").set("Cookie", cookie).set("Origin", "https://evil.example")).status, 200);
  });
});
