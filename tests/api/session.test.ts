// Sign-in, sign-out, /api/me and password change, against a real server.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import request from "supertest";
import { sessionFrom } from "../helpers/accounts.ts";
import { buildMembership, buildProgramme, buildTerritory, buildUser, sessionCookieFor, TEST_PASSWORD } from "../helpers/factories.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

let server: TestServer;
let ip = 0;
// Each test signs in from its own address, so the per-IP limit of one test never reaches another.
const api = () => {
  const agent = request(server.url);
  const from = `10.1.0.${++ip}`;
  return {
    get: (p: string) => agent.get(p).set("X-Forwarded-For", from),
    post: (p: string) => agent.post(p).set("Origin", server.origin).set("X-Forwarded-For", from),
    delete: (p: string) => agent.delete(p).set("Origin", server.origin).set("X-Forwarded-For", from),
  };
};

async function signIn(email: string, password = TEST_PASSWORD) {
  const res = await api().post("/api/session").send({ email, password });
  return { res, cookie: sessionFrom(res.headers["set-cookie"]) };
}

describe("session API", () => {
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.close();
  });

  it("signs in with the e-mail in any case, sets a safe cookie and answers the user", async () => {
    const user = await buildUser(server.ctx, { email: "Camille.Durand@example.org" });
    const { res, cookie } = await signIn("  CAMILLE.durand@EXAMPLE.org ");
    assert.equal(res.status, 200);
    assert.equal(res.body.user.id, user._id);
    assert.equal(res.body.user.email, "camille.durand@example.org");
    assert.ok(cookie);
    const setCookie = String(res.headers["set-cookie"]);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);
    assert.match(setCookie, /Path=\//);
    assert.doesNotMatch(setCookie, /Secure/);
    assert.doesNotMatch(JSON.stringify(res.body), /argon2|passwordHash/);
    const me = await api().get("/api/me").set("Cookie", cookie);
    assert.equal(me.status, 200);
    assert.equal(me.body.user.id, user._id);
  });

  it("answers a wrong password and an unknown e-mail alike", async () => {
    const user = await buildUser(server.ctx);
    const wrong = await signIn(user.email, "pas le bon mot de passe");
    const unknown = await signIn("personne.inconnue@example.org", "pas le bon mot de passe");
    assert.equal(wrong.res.status, 401);
    assert.deepEqual(wrong.res.body, unknown.res.body);
    assert.equal(unknown.res.status, 401);
    assert.equal(wrong.res.body.error.code, "invalid_credentials");
    assert.equal(wrong.cookie, undefined);
  });

  it("refuses a deactivated account with the same answer", async () => {
    const user = await buildUser(server.ctx, { active: false });
    const { res } = await signIn(user.email);
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, "invalid_credentials");
  });

  it("gives a new session id at sign-in and ends the one the browser had", async () => {
    const user = await buildUser(server.ctx);
    const before = await sessionCookieFor(server.ctx, user._id);
    const res = await api().post("/api/session").set("Cookie", before).send({ email: user.email, password: TEST_PASSWORD });
    assert.equal(res.status, 200);
    const after = sessionFrom(res.headers["set-cookie"]);
    assert.ok(after);
    assert.notEqual(after, before);
    assert.equal((await api().get("/api/me").set("Cookie", before)).status, 401);
    assert.equal((await api().get("/api/me").set("Cookie", after)).status, 200);
  });

  it("tells /api/me the affiliation's territory and the roles with their programmes", async () => {
    const territory = await buildTerritory(server.ctx, { name: "Métropole de Lyon", kind: "intercommunalite" });
    const user = await buildUser(server.ctx, { affiliation: { kind: "territory", territoryId: territory._id } });
    const programme = await buildProgramme(server.ctx, { slug: "ecoles-dehors", title: "Écoles dehors" });
    await buildMembership(server.ctx, user._id, programme._id, "partner");
    const res = await api().get("/api/me").set("Cookie", await sessionCookieFor(server.ctx, user._id));
    assert.equal(res.status, 200);
    assert.equal(res.headers["cache-control"], "no-store");
    assert.deepEqual(res.body, {
      user: {
        id: user._id,
        email: user.email,
        name: user.name,
        isAdmin: false,
        affiliation: { kind: "territory", territory: { id: territory._id, name: "Métropole de Lyon", kind: "intercommunalite" } },
      },
      memberships: [
        {
          role: "partner",
          programme: { id: programme._id, slug: "ecoles-dehors", title: "Écoles dehors" },
          abilities: { edit: false, manageMembers: false, createEpisode: false, readDrafts: false, moderate: false, seeSubscribers: false, exportProgramme: false },
        },
      ],
      abilities: { administer: false, createProgramme: false, exportInstance: false },
    });
    assert.equal((await api().get("/api/me")).status, 401);
  });

  it("ends the session on the server at sign-out", async () => {
    const user = await buildUser(server.ctx);
    const { cookie } = await signIn(user.email);
    assert.ok(cookie);
    const out = await api().delete("/api/session").set("Cookie", cookie);
    assert.equal(out.status, 204);
    assert.match(String(out.headers["set-cookie"]), /Max-Age=0/);
    // The browser could keep the cookie: the server must not honour it any more.
    assert.equal((await api().get("/api/me").set("Cookie", cookie)).status, 401);
    assert.equal((await api().delete("/api/session")).status, 401);
  });

  it("changes the password with the current one, ending the other sessions only", async () => {
    const user = await buildUser(server.ctx);
    const { cookie: mine } = await signIn(user.email);
    const { cookie: other } = await signIn(user.email);
    assert.ok(mine && other);
    const changed: string[] = [];
    const off = server.ctx.events.on("access.changed", (e) => changed.push(e.userId));
    try {
      const wrong = await api().post("/api/me/password").set("Cookie", mine).send({ currentPassword: "pas le bon", newPassword: "une nouvelle phrase de passe" });
      assert.equal(wrong.status, 403);
      assert.equal(wrong.body.error.code, "wrong_password");
      const weak = await api().post("/api/me/password").set("Cookie", mine).send({ currentPassword: TEST_PASSWORD, newPassword: "azertyuiop123" });
      assert.equal(weak.status, 400);
      assert.equal(weak.body.error.code, "weak_password");
      const ok = await api().post("/api/me/password").set("Cookie", mine).send({ currentPassword: TEST_PASSWORD, newPassword: "une nouvelle phrase de passe" });
      assert.equal(ok.status, 204);
    } finally {
      off();
    }
    assert.deepEqual(changed, [user._id]);
    assert.equal((await api().get("/api/me").set("Cookie", mine)).status, 200);
    assert.equal((await api().get("/api/me").set("Cookie", other)).status, 401);
    assert.equal((await signIn(user.email)).res.status, 401);
    assert.equal((await signIn(user.email, "une nouvelle phrase de passe")).res.status, 200);
    const stored = await server.ctx.repos.users.byId(user._id);
    assert.match(stored!.passwordHash!, /^\$argon2id\$/);
    assert.ok(stored!.passwordChangedAt);
  });

  it("refuses a password change from someone not signed in", async () => {
    const res = await api().post("/api/me/password").send({ currentPassword: TEST_PASSWORD, newPassword: "une nouvelle phrase de passe" });
    assert.equal(res.status, 401);
  });

  it("refuses malformed, over-long and operator inputs with 400", async () => {
    const bodies: unknown[] = [
      { email: "pas-une-adresse", password: TEST_PASSWORD },
      { email: `${"a".repeat(250)}@example.org`, password: TEST_PASSWORD },
      { email: { $ne: null }, password: TEST_PASSWORD },
      { email: "a@example.org", password: { $ne: null } },
      { email: "a@example.org", password: "x".repeat(2000) },
      { email: "a@example.org", password: TEST_PASSWORD, isAdmin: true },
      { email: ["a@example.org"], password: TEST_PASSWORD },
      {},
    ];
    for (const body of bodies) {
      const res = await api().post("/api/session").send(body as object);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.code, "invalid_input");
    }
    const broken = await api().post("/api/session").set("Content-Type", "application/json").send('{"email":');
    assert.equal(broken.status, 400);
  });
});

describe("session cookie over https", () => {
  it("is Secure and __Host- prefixed when PUBLIC_URL is https", async () => {
    const secure = await startTestServer({ env: { PUBLIC_URL: "https://carnet.example" } });
    try {
      const user = await buildUser(secure.ctx);
      const res = await request(secure.url)
        .post("/api/session")
        .set("Origin", "https://carnet.example")
        .send({ email: user.email, password: TEST_PASSWORD });
      assert.equal(res.status, 200);
      const setCookie = String(res.headers["set-cookie"]);
      assert.match(setCookie, /^__Host-carnet_session=/);
      assert.match(setCookie, /Secure/);
      assert.match(setCookie, /Path=\//);
      assert.doesNotMatch(setCookie, /Domain=/);
    } finally {
      await secure.close();
    }
  });
});
