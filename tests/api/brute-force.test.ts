// Brute-force limits on sign-in, password reset and invitation links: 429 with Retry-After.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import request from "supertest";
import { buildUser, TEST_PASSWORD } from "../helpers/factories.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

let server: TestServer;
let block = 0;

const signIn = (email: string, password: string, ip: string) =>
  request(server.url).post("/api/session").set("Origin", server.origin).set("X-Forwarded-For", ip).send({ email, password });

describe("brute-force limits", () => {
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.close();
  });
  // Each test uses its own range of client addresses.
  const ips = () => {
    const b = ++block;
    let n = 0;
    return () => `10.2.${b}.${++n}`;
  };

  it("locks one account after 5 failures, from any addresses, even with the right password", async () => {
    const nextIp = ips();
    const user = await buildUser(server.ctx);
    for (let i = 0; i < 5; i++) assert.equal((await signIn(user.email, "mauvais mot de passe", nextIp())).status, 401);
    const locked = await signIn(user.email, TEST_PASSWORD, nextIp());
    assert.equal(locked.status, 429);
    assert.equal(locked.body.error.code, "too_many_requests");
    const retryAfter = Number(locked.headers["retry-after"]);
    assert.ok(retryAfter > 0 && retryAfter <= 15 * 60, String(retryAfter));
    // Another account is not affected.
    const other = await buildUser(server.ctx);
    assert.equal((await signIn(other.email, TEST_PASSWORD, nextIp())).status, 200);
  });

  it("locks an unknown e-mail the same way, so the limit tells nothing about accounts", async () => {
    const nextIp = ips();
    for (let i = 0; i < 5; i++) assert.equal((await signIn("inconnue@example.org", "mauvais mot de passe", nextIp())).status, 401);
    assert.equal((await signIn("inconnue@example.org", "mauvais mot de passe", nextIp())).status, 429);
  });

  it("counts the e-mail whatever its case", async () => {
    const nextIp = ips();
    const user = await buildUser(server.ctx);
    for (let i = 0; i < 5; i++) await signIn(i % 2 ? user.email.toUpperCase() : user.email, "mauvais mot de passe", nextIp());
    assert.equal((await signIn(user.email, TEST_PASSWORD, nextIp())).status, 429);
  });

  it("turns away failures from one address after 20, but not the correct password of a known account", async () => {
    const ip = ips()();
    for (let i = 0; i < 20; i++) assert.equal((await signIn(`essai${i}@example.org`, "mauvais mot de passe", ip)).status, 401);
    const user = await buildUser(server.ctx);
    const locked = await signIn(user.email, "mauvais mot de passe", ip);
    assert.equal(locked.status, 429);
    assert.ok(locked.headers["retry-after"]);
    assert.equal((await signIn("inconnue-encore@example.org", TEST_PASSWORD, ip)).status, 429);
    assert.equal((await signIn(user.email, TEST_PASSWORD, ip)).status, 200, "the per-account limit guards the account");
    // Failures turned away by the address limit still count against the account.
    for (let i = 0; i < 5; i++) assert.equal((await signIn(user.email, "mauvais mot de passe", ip)).status, 429);
    assert.equal((await signIn(user.email, TEST_PASSWORD, ip)).status, 429);
  });

  it("limits password reset requests per address and per e-mail", async () => {
    const nextIp = ips();
    const ask = (email: string, ip: string) =>
      request(server.url).post("/api/password-resets").set("Origin", server.origin).set("X-Forwarded-For", ip).send({ email });
    for (let i = 0; i < 5; i++) assert.equal((await ask("cible@example.org", nextIp())).status, 202);
    assert.equal((await ask("cible@example.org", nextIp())).status, 429);
    const ip = nextIp();
    for (let i = 0; i < 20; i++) assert.equal((await ask(`autre${i}@example.org`, ip)).status, 202);
    assert.equal((await ask("encore@example.org", ip)).status, 429);
  });

  it("limits guessing of invitation and reset links per address", async () => {
    const ip = ips()();
    const guess = (i: number) => `devine${String(i).padStart(40, "x")}`;
    for (let i = 0; i < 10; i++) {
      assert.equal((await request(server.url).get(`/api/invitations/${guess(i)}`).set("X-Forwarded-For", ip)).status, 404);
      const accept = await request(server.url)
        .post(`/api/invitations/${guess(i)}/accept`)
        .set("Origin", server.origin)
        .set("X-Forwarded-For", ip)
        .send({ name: "X", password: "une phrase de passe correcte" });
      assert.equal(accept.status, 404);
    }
    const locked = await request(server.url).get(`/api/invitations/${guess(99)}`).set("X-Forwarded-For", ip);
    assert.equal(locked.status, 429);
    assert.ok(locked.headers["retry-after"]);
    const resetIp = ips()();
    for (let i = 0; i < 20; i++)
      assert.equal((await request(server.url).get(`/api/password-resets/${guess(i)}`).set("X-Forwarded-For", resetIp)).status, 404);
    const resetLocked = await request(server.url)
      .post(`/api/password-resets/${guess(0)}`)
      .set("Origin", server.origin)
      .set("X-Forwarded-For", resetIp)
      .send({ password: "une phrase de passe correcte" });
    assert.equal(resetLocked.status, 429);
  });
});
