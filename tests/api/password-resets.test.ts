// Password reset: same answer for any address, a single-use link valid one hour, every session ended.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import request from "supertest";
import { buildResetLink, readOutbox, tokenIn, waitForMail } from "../helpers/accounts.ts";
import { buildUser, sessionCookieFor, TEST_PASSWORD } from "../helpers/factories.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

let server: TestServer;
const NEW = "une toute nouvelle phrase";

const post = (path: string) => request(server.url).post(path).set("Origin", server.origin);

describe("password reset", () => {
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.close();
  });

  it("answers alike for known and unknown addresses, and mails only the known one", async () => {
    const user = await buildUser(server.ctx, { email: "oubli@example.org" });
    const known = await post("/api/password-resets").send({ email: "OUBLI@example.org" });
    const unknown = await post("/api/password-resets").send({ email: "personne@example.org" });
    assert.equal(known.status, 202);
    assert.equal(unknown.status, 202);
    assert.deepEqual(known.body, unknown.body);
    const [mail] = await waitForMail(server.dataDir, user.email);
    assert.ok(mail!.text.includes(`${server.origin}/atelier/mot-de-passe/`));
    assert.equal((await readOutbox(server.dataDir)).filter((m) => m.to.includes("personne@example.org")).length, 0);
  });

  it("sets the password once with the mailed link and ends every session", async () => {
    const user = await buildUser(server.ctx, { email: "reinit@example.org" });
    const cookie = await sessionCookieFor(server.ctx, user._id);
    const changed: string[] = [];
    const off = server.ctx.events.on("access.changed", (e) => changed.push(e.userId));
    await post("/api/password-resets").send({ email: user.email });
    const token = tokenIn((await waitForMail(server.dataDir, user.email))[0]!.text, "/atelier/mot-de-passe/");
    const check = await request(server.url).get(`/api/password-resets/${token}`);
    assert.equal(check.status, 200);
    const left = Date.parse(check.body.expiresAt) - Date.now();
    assert.ok(left > 59 * 60e3 && left <= 60 * 60e3, String(left));

    const weak = await post(`/api/password-resets/${token}`).send({ password: "trop court" });
    assert.equal(weak.status, 400);
    assert.equal(weak.body.error.code, "weak_password");
    const done = await post(`/api/password-resets/${token}`).send({ password: NEW });
    off();
    assert.equal(done.status, 204);
    assert.deepEqual(changed, [user._id]);
    assert.equal((await request(server.url).get("/api/me").set("Cookie", cookie)).status, 401);
    const signIn = (password: string) => post("/api/session").send({ email: user.email, password });
    assert.equal((await signIn(TEST_PASSWORD)).status, 401);
    assert.equal((await signIn(NEW)).status, 200);

    const again = await post(`/api/password-resets/${token}`).send({ password: "encore une autre phrase" });
    assert.equal(again.status, 404);
    assert.equal(again.body.error.code, "invalid_token");
  });

  it("refuses an expired link, and voids older links once the password changed", async () => {
    const user = await buildUser(server.ctx);
    const expired = await buildResetLink(server.ctx, user, new Date(Date.now() - 1000));
    assert.equal((await request(server.url).get(`/api/password-resets/${expired}`)).status, 404);
    assert.equal((await post(`/api/password-resets/${expired}`).send({ password: NEW })).status, 404);
    const first = await buildResetLink(server.ctx, user);
    const second = await buildResetLink(server.ctx, user);
    assert.equal((await post(`/api/password-resets/${second}`).send({ password: NEW })).status, 204);
    assert.equal((await post(`/api/password-resets/${first}`).send({ password: "encore une autre phrase" })).status, 404);
  });

  it("refuses malformed input with 400", async () => {
    for (const body of [{ email: "nope" }, { email: { $ne: null } }, { email: "a@example.org", admin: true }, {}])
      assert.equal((await post("/api/password-resets").send(body)).status, 400, JSON.stringify(body));
    const user = await buildUser(server.ctx);
    const token = await buildResetLink(server.ctx, user);
    for (const body of [{ password: { $ne: null } }, { password: NEW, userId: user._id }, { password: "x".repeat(5000) }])
      assert.equal((await post(`/api/password-resets/${token}`).send(body)).status, 400, JSON.stringify(body));
    assert.equal((await request(server.url).get(`/api/password-resets/${token}`)).status, 200);
  });
});
