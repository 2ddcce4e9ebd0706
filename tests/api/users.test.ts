// Admin accounts and territories: creation, changes, deactivation ending sessions, and bad input.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import request from "supertest";
import { tokenIn, waitForMail } from "../helpers/accounts.ts";
import { buildCast, buildUser, type Cast, sessionCookieFor, TEST_PASSWORD } from "../helpers/factories.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

let server: TestServer;
let cast: Cast;
const PASSWORD = "une phrase de passe solide";

const as = (cookie: string) => ({
  get: (p: string) => request(server.url).get(p).set("Cookie", cookie),
  post: (p: string) => request(server.url).post(p).set("Cookie", cookie).set("Origin", server.origin),
  patch: (p: string) => request(server.url).patch(p).set("Cookie", cookie).set("Origin", server.origin),
});

describe("admin accounts API", () => {
  before(async () => {
    server = await startTestServer();
    cast = await buildCast(server.ctx);
  });
  after(async () => {
    await server.close();
  });

  it("creates an account with a password that signs in, and lists accounts without secrets", async () => {
    const res = await as(cast.cookies.admin).post("/api/users").send({
      email: "Agent@Ville.example",
      name: "Agente de la ville",
      password: PASSWORD,
      affiliation: { kind: "territory", territoryId: cast.territory._id },
    });
    assert.equal(res.status, 201);
    assert.equal(res.body.user.email, "agent@ville.example");
    assert.equal(res.body.user.affiliation.territory.name, cast.territory.name);
    assert.equal(res.body.user.hasPassword, true);
    const signIn = await request(server.url).post("/api/session").set("Origin", server.origin).send({ email: "agent@ville.example", password: PASSWORD });
    assert.equal(signIn.status, 200);
    const list = await as(cast.cookies.admin).get("/api/users");
    assert.equal(list.status, 200);
    assert.ok(list.body.users.some((u: { email: string }) => u.email === "agent@ville.example"));
    assert.doesNotMatch(JSON.stringify(list.body), /argon2|passwordHash/);
    const dup = await as(cast.cookies.admin).post("/api/users").send({ email: "AGENT@ville.example", name: "Doublon", password: PASSWORD });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.error.code, "email_taken");
  });

  it("mails a link to choose a password when the admin gives none", async () => {
    const res = await as(cast.cookies.admin).post("/api/users").send({ email: "sans.mdp@example.org", name: "Sans mot de passe" });
    assert.equal(res.status, 201);
    assert.equal(res.body.user.hasPassword, false);
    const [mail] = await waitForMail(server.dataDir, "sans.mdp@example.org");
    const token = tokenIn(mail!.text, "/atelier/mot-de-passe/");
    const set = await request(server.url).post(`/api/password-resets/${token}`).set("Origin", server.origin).send({ password: PASSWORD });
    assert.equal(set.status, 204);
  });

  it("deactivation ends the account's sessions and sign-in; reactivation allows sign-in again", async () => {
    const user = await buildUser(server.ctx);
    const cookie = await sessionCookieFor(server.ctx, user._id);
    const changed: string[] = [];
    const off = server.ctx.events.on("access.changed", (e) => changed.push(e.userId));
    const res = await as(cast.cookies.admin).patch(`/api/users/${user._id}`).send({ active: false });
    off();
    assert.equal(res.status, 200);
    assert.equal(res.body.user.active, false);
    assert.deepEqual(changed, [user._id]);
    assert.equal((await request(server.url).get("/api/me").set("Cookie", cookie)).status, 401);
    assert.equal(await server.ctx.store.collection("sessions").count({ userId: user._id }), 0);
    const signIn = () => request(server.url).post("/api/session").set("Origin", server.origin).set("X-Forwarded-For", "10.3.0.1").send({ email: user.email, password: TEST_PASSWORD });
    assert.equal((await signIn()).status, 401);
    assert.equal((await as(cast.cookies.admin).patch(`/api/users/${user._id}`).send({ active: true })).status, 200);
    assert.equal((await signIn()).status, 200);
  });

  it("changes name, affiliation and admin flag, but nothing else", async () => {
    const user = await buildUser(server.ctx);
    const ok = await as(cast.cookies.admin)
      .patch(`/api/users/${user._id}`)
      .send({ name: "Nom corrigé", isAdmin: true, affiliation: { kind: "territory", territoryId: cast.territory._id } });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.user.name, "Nom corrigé");
    assert.equal(ok.body.user.isAdmin, true);
    for (const body of [
      { email: "nouvelle@example.org" },
      { passwordHash: "x" },
      { name: "x", role: "lead" },
      { name: { $ne: null } },
      { name: "x".repeat(500) },
      { affiliation: { kind: "territory", territoryId: { $gt: "" } } },
      {},
    ]) {
      const res = await as(cast.cookies.admin).patch(`/api/users/${user._id}`).send(body);
      assert.equal(res.status, 400, JSON.stringify(body));
    }
    const unknownTerritory = await as(cast.cookies.admin)
      .patch(`/api/users/${user._id}`)
      .send({ affiliation: { kind: "territory", territoryId: "0".repeat(24) } });
    assert.equal(unknownTerritory.status, 422);
    const stored = await server.ctx.repos.users.byId(user._id);
    assert.equal(stored?.email, user.email);
    assert.equal(stored?.name, "Nom corrigé");
    assert.equal((await as(cast.cookies.admin).patch(`/api/users/${"0".repeat(24)}`).send({ name: "x" })).status, 404);
    assert.equal((await as(cast.cookies.admin).patch("/api/users/pas-un-id").send({ name: "x" })).status, 400);
  });

  it("keeps an admin from locking themself out", async () => {
    const res = await as(cast.cookies.admin).patch(`/api/users/${cast.users.admin._id}`).send({ active: false });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "self_lockout");
    assert.equal((await server.ctx.repos.users.byId(cast.users.admin._id))?.active, true);
  });

  it("refuses bad account input with 400", async () => {
    for (const body of [
      { email: "pas-une-adresse", name: "X" },
      { email: "a@@example.org", name: "X" },
      { email: { $ne: null }, name: "X" },
      { email: "ok@example.org", name: "" },
      { email: "ok@example.org", name: "X", password: "court" },
      { email: "ok@example.org", name: "X", active: false },
      { email: "ok@example.org", name: "X", isAdmin: "oui" },
      { email: "ok@example.org", name: "X", affiliation: { kind: "ailleurs" } },
    ]) {
      const res = await as(cast.cookies.admin).post("/api/users").send(body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.ok(res.body.error.code);
    }
    assert.equal(await server.ctx.repos.users.byEmail("ok@example.org"), null);
  });
});

describe("territories API", () => {
  before(async () => {
    server = await startTestServer();
    cast = await buildCast(server.ctx);
  });
  after(async () => {
    await server.close();
  });

  it("lets the admin create and rename territories, of the known kinds, with unique names", async () => {
    const created = await as(cast.cookies.admin).post("/api/territories").send({ name: "Département de la Gironde", kind: "departement" });
    assert.equal(created.status, 201);
    const id = created.body.territory.id;
    assert.deepEqual(created.body.territory, { id, name: "Département de la Gironde", kind: "departement", sirets: [] });
    const dup = await as(cast.cookies.admin).post("/api/territories").send({ name: "Département de la Gironde", kind: "departement" });
    assert.equal(dup.status, 409);
    assert.equal((await as(cast.cookies.admin).post("/api/territories").send({ name: "Ailleurs", kind: "pays" })).status, 400);
    assert.equal((await as(cast.cookies.admin).post("/api/territories").send({ name: { $ne: null }, kind: "commune" })).status, 400);
    assert.equal((await as(cast.cookies.admin).post("/api/territories").send({ name: "x".repeat(500), kind: "commune" })).status, 400);
    const renamed = await as(cast.cookies.admin).patch(`/api/territories/${id}`).send({ name: "Gironde" });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.territory.name, "Gironde");
    assert.equal((await as(cast.cookies.admin).patch(`/api/territories/${id}`).send({ name: cast.territory.name })).status, 409);
    assert.equal((await as(cast.cookies.admin).patch(`/api/territories/${"0".repeat(24)}`).send({ name: "Nulle part" })).status, 404);
    const list = await as(cast.cookies.partner).get("/api/territories");
    assert.equal(list.status, 200);
    assert.ok(list.body.territories.some((t: { name: string }) => t.name === "Gironde"));
  });
});
