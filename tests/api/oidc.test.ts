// Provider sign-in over HTTP: accounts found by subject or verified e-mail, strangers created on demand, SIRET mapped to territories, passwords switched off.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import request from "supertest";
import { buildTerritory, buildUser, sessionCookieFor } from "../helpers/factories.ts";
import { startOidcProvider, type TestProvider } from "../helpers/oidcProvider.ts";
import { signInThroughProvider } from "../helpers/oidcSignIn.ts";
import { freePort, startTestServer, type TestServer } from "../helpers/server.ts";

let strict: TestServer;
let open: TestServer;
let op: TestProvider;

const userOf = async (server: TestServer, cookie: string) => (await server.ctx.services.sessions.resolve(cookie.split("=")[1])).user;

describe("provider sign-in (HTTP)", { timeout: 120_000 }, () => {
  before(async () => {
    const [a, b] = [await freePort(), await freePort()];
    op = await startOidcProvider([`http://127.0.0.1:${a}`, `http://127.0.0.1:${b}`]);
    strict = await startTestServer({ realOrigin: true, port: a, env: op.envFor() });
    open = await startTestServer({ realOrigin: true, port: b, env: { ...op.envFor(), OIDC_CREATE_ACCOUNTS: "true", PASSWORD_SIGN_IN: "false" } });
  });
  after(async () => {
    await strict?.close();
    await open?.close();
    await op?.close();
  });

  it("finds an existing account by verified e-mail, then by subject when the e-mail changes at the provider", async () => {
    const account = await buildUser(strict.ctx, { email: "lea.roux@lyon.example" });
    op.agents.set("lea", { email: "Lea.Roux@lyon.example", given_name: "Léa", usual_name: "Roux" });
    assert.equal((await userOf(strict, await signInThroughProvider(strict.url, "proconnect", "lea")))?._id, account._id);
    op.agents.set("lea", { email: "lea.roux@grandlyon.example", given_name: "Léa", usual_name: "Roux" });
    const again = await userOf(strict, await signInThroughProvider(strict.url, "proconnect", "lea"));
    assert.equal(again?._id, account._id);
    assert.equal(again?.email, "lea.roux@lyon.example", "the account keeps its e-mail");
    assert.deepEqual(again?.oidcSubjects, ["proconnect lea"]);
  });

  it("refuses an unverified e-mail and a disabled account, whatever the way the account is found", async () => {
    const { oidcAccounts } = strict.ctx.services;
    const identity = { provider: "proconnect", subject: "s-1", name: "X", siret: null, idToken: "t" };
    await buildUser(strict.ctx, { email: "pas.verifie@lyon.example" });
    await assert.rejects(oidcAccounts.resolve({ ...identity, email: "pas.verifie@lyon.example", emailVerified: false }), { code: "oidc_email_unverified" });
    const off = await buildUser(strict.ctx, { email: "eteint@lyon.example", active: false, oidcSubjects: ["proconnect s-2"] });
    await assert.rejects(oidcAccounts.resolve({ ...identity, subject: "s-2", email: "autre@lyon.example", emailVerified: true }), {
      code: "oidc_account_disabled",
      message: /désactivé/,
    });
    assert.deepEqual((await strict.ctx.repos.users.byId(off._id))?.siret, undefined, "nothing written for a refused account");
  });

  it("limits the attempts one address may start, with a French page and Retry-After", async () => {
    const start = () => request(strict.url).get("/auth/oidc/proconnect").set("X-Forwarded-For", "10.66.0.1");
    for (let i = 0; i < 30; i++) assert.equal((await start()).status, 303);
    const refused = await start();
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers["retry-after"]) > 0);
    assert.match(refused.text, /Trop de tentatives/);
    assert.equal((await request(strict.url).get("/auth/oidc/proconnect").set("X-Forwarded-For", "10.66.0.2")).status, 303);
  });

  it("creates a stranger's account without any programme role when the instance allows it", async () => {
    op.agents.set("nouveau", { email: "nouveau@ailleurs.example", given_name: "Noé", usual_name: "Nouveau", siret: "11111111111111" });
    const user = await userOf(open, await signInThroughProvider(open.url, "proconnect", "nouveau"));
    assert.equal(user?.name, "Noé Nouveau");
    assert.deepEqual(user?.affiliation, { kind: "lab" });
    assert.deepEqual(await open.ctx.repos.memberships.forUser(user!._id), []);
  });

  it("switches password sign-in off and says so to the sign-in page", async () => {
    await buildUser(open.ctx, { email: "mdp@lyon.example" });
    const res = await request(open.url).post("/api/session").set("Origin", open.origin).send({ email: "mdp@lyon.example", password: "x" });
    assert.equal(res.status, 403);
    const ways = await request(open.url).get("/api/session/providers?suite=/programmes/x");
    assert.deepEqual(ways.body, {
      passwordSignIn: false,
      providers: [{ id: "proconnect", label: "Se connecter avec ProConnect", href: "/auth/oidc/proconnect?suite=%2Fprogrammes%2Fx" }],
    });
  });

  it("places accounts by SIRET: the admin's mapping applies at once and at the next sign-in, never over a chosen territory", async () => {
    const ctx = strict.ctx;
    const admin = await buildUser(ctx, { isAdmin: true });
    const chosen = await buildTerritory(ctx, { name: "Territoire choisi" });
    const grenoble = await buildTerritory(ctx, { name: "Ville de Grenoble", kind: "commune" });
    const early = await buildUser(ctx, { email: "tot@grenoble.example" });
    const placed = await buildUser(ctx, { email: "place@grenoble.example", affiliation: { kind: "territory", territoryId: chosen._id } });
    op.agents.set("tot", { email: "tot@grenoble.example", given_name: "T", usual_name: "Tôt", siret: "21380185500015" });
    op.agents.set("place", { email: "place@grenoble.example", given_name: "P", usual_name: "Placé", siret: "21380185500015" });
    await signInThroughProvider(strict.url, "proconnect", "tot");
    await signInThroughProvider(strict.url, "proconnect", "place");
    assert.equal((await ctx.repos.users.byId(early._id))?.siret, "21380185500015");

    const put = (id: string, sirets: string[]) =>
      request(strict.url)
        .put(`/api/territories/${id}/sirets`)
        .set("Origin", strict.origin)
        .set("Cookie", cookie)
        .send({ sirets });
    const cookie = await sessionCookieFor(ctx, admin._id);
    const saved = await put(grenoble._id, ["21380185500015"]);
    assert.equal(saved.status, 200);
    assert.deepEqual(saved.body.territory.sirets, ["21380185500015"]);
    assert.deepEqual((await ctx.repos.users.byId(early._id))?.affiliation, { kind: "territory", territoryId: grenoble._id });
    assert.deepEqual((await ctx.repos.users.byId(placed._id))?.affiliation, { kind: "territory", territoryId: chosen._id });

    const taken = await put(chosen._id, ["21380185500015"]);
    assert.equal(taken.status, 409);
    assert.equal(taken.body.error.code, "siret_taken");
    assert.equal((await put(chosen._id, ["123"])).status, 400);

    const later = await buildUser(ctx, { email: "tard@grenoble.example" });
    op.agents.set("tard", { email: "tard@grenoble.example", given_name: "T", usual_name: "Tard", siret: "21380185500015" });
    await signInThroughProvider(strict.url, "proconnect", "tard");
    assert.deepEqual((await ctx.repos.users.byId(later._id))?.affiliation, { kind: "territory", territoryId: grenoble._id });
  });
});
