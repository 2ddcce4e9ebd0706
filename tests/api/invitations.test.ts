// Invitations: a lead invites by e-mail; the single-use 7-day link creates the account or attaches the role.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import request from "supertest";
import { buildInvitationLink, sessionFrom, tokenIn, waitForMail } from "../helpers/accounts.ts";
import { buildCast, buildUser, type Cast, sessionCookieFor } from "../helpers/factories.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

let server: TestServer;
let cast: Cast;
const PASSWORD = "une phrase de passe solide";

const post = (path: string, cookie?: string) => {
  const req = request(server.url).post(path).set("Origin", server.origin);
  return cookie ? req.set("Cookie", cookie) : req;
};

describe("invitations", () => {
  before(async () => {
    server = await startTestServer();
    cast = await buildCast(server.ctx);
  });
  after(async () => {
    await server.close();
  });

  it("sends a link that tells what it is for, creates the account once, and signs it in", async () => {
    const sent = await post(`/api/programmes/${cast.programme._id}/invitations`, cast.cookies.lead).send({
      email: "Nouvelle.Partenaire@Example.org",
      role: "partner",
      territoryId: cast.territory._id,
    });
    assert.equal(sent.status, 201);
    assert.equal(sent.body.invitation.email, "nouvelle.partenaire@example.org");
    assert.doesNotMatch(JSON.stringify(sent.body), /token/i);
    const expires = Date.parse(sent.body.invitation.expiresAt) - Date.now();
    assert.ok(expires > 6.9 * 24 * 3600e3 && expires <= 7 * 24 * 3600e3);

    const [mail] = await waitForMail(server.dataDir, "nouvelle.partenaire@example.org");
    assert.match(mail!.subject, new RegExp(cast.programme.title));
    assert.ok(mail!.text.includes(`${server.origin}/atelier/invitation/`));
    const token = tokenIn(mail!.text, "/atelier/invitation/");
    // Only the hash of the link is stored.
    assert.equal(JSON.stringify(await server.ctx.repos.tokens.pendingInvitations(cast.programme._id, new Date())).includes(token), false);

    const described = await request(server.url).get(`/api/invitations/${token}`);
    assert.equal(described.status, 200);
    assert.deepEqual(described.body.invitation, {
      email: "nouvelle.partenaire@example.org",
      role: "partner",
      programme: { id: cast.programme._id, slug: cast.programme.slug, title: cast.programme.title },
      expiresAt: sent.body.invitation.expiresAt,
      accountExists: false,
    });

    const accepted = await post(`/api/invitations/${token}/accept`).send({ name: "Nadia Partenaire", password: PASSWORD });
    assert.equal(accepted.status, 201);
    assert.equal(accepted.body.created, true);
    assert.equal(accepted.body.user.affiliation.territory.id, cast.territory._id);
    assert.deepEqual(accepted.body.memberships.map((m: { role: string }) => m.role), ["partner"]);
    const cookie = sessionFrom(accepted.headers["set-cookie"]);
    assert.ok(cookie);
    assert.equal((await request(server.url).get("/api/me").set("Cookie", cookie)).body.user.name, "Nadia Partenaire");

    const again = await post(`/api/invitations/${token}/accept`).send({ name: "Quelqu'un", password: PASSWORD });
    assert.equal(again.status, 404);
    assert.equal(again.body.error.code, "invalid_token");
    assert.equal((await request(server.url).get(`/api/invitations/${token}`)).status, 404);
  });

  it("attaches the role to an existing account only when signed in as that account", async () => {
    const user = await buildUser(server.ctx, { email: "deja.la@example.org" });
    const token = await buildInvitationLink(server.ctx, { programmeId: cast.programme._id, email: "Deja.La@example.org", role: "editor" });
    assert.equal((await request(server.url).get(`/api/invitations/${token}`)).body.invitation.accountExists, true);

    const anonymous = await post(`/api/invitations/${token}/accept`).send({ name: "Intrus", password: PASSWORD });
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.error.code, "sign_in_required");
    const someoneElse = await post(`/api/invitations/${token}/accept`, cast.cookies.reader).send({});
    assert.equal(someoneElse.status, 403);
    assert.equal(await server.ctx.repos.memberships.find(user._id, cast.programme._id), null);
    assert.equal(await server.ctx.repos.memberships.find(cast.users.reader._id, cast.programme._id), null);

    const ok = await post(`/api/invitations/${token}/accept`, await sessionCookieFor(server.ctx, user._id)).send({});
    assert.equal(ok.status, 200);
    assert.equal(ok.body.created, false);
    assert.equal((await server.ctx.repos.memberships.find(user._id, cast.programme._id))?.role, "editor");
    assert.equal((await server.ctx.repos.users.byId(user._id))?.name, user.name);
  });

  it("refuses an expired link", async () => {
    const token = await buildInvitationLink(server.ctx, {
      programmeId: cast.programme._id,
      email: "en.retard@example.org",
      role: "partner",
      expiresAt: new Date(Date.now() - 1000),
    });
    assert.equal((await request(server.url).get(`/api/invitations/${token}`)).status, 404);
    assert.equal((await post(`/api/invitations/${token}/accept`).send({ name: "En retard", password: PASSWORD })).status, 404);
    assert.equal(await server.ctx.repos.users.byEmail("en.retard@example.org"), null);
  });

  it("does not spend the link on a refused password or on fields it does not take", async () => {
    const token = await buildInvitationLink(server.ctx, { programmeId: cast.programme._id, email: "prudente@example.org", role: "partner" });
    const weak = await post(`/api/invitations/${token}/accept`).send({ name: "Prudente", password: "motdepasse123" });
    assert.equal(weak.status, 400);
    assert.equal(weak.body.error.code, "weak_password");
    for (const extra of [{ role: "lead" }, { isAdmin: true }, { programmeId: cast.other._id }, { email: "autre@example.org" }]) {
      const res = await post(`/api/invitations/${token}/accept`).send({ name: "Prudente", password: PASSWORD, ...extra });
      assert.equal(res.status, 400, JSON.stringify(extra));
    }
    const operator = await post(`/api/invitations/${token}/accept`).send({ name: { $ne: null }, password: PASSWORD });
    assert.equal(operator.status, 400);
    assert.equal(await server.ctx.repos.users.byEmail("prudente@example.org"), null);
    const ok = await post(`/api/invitations/${token}/accept`).send({ name: "Prudente", password: PASSWORD });
    assert.equal(ok.status, 201);
    const user = await server.ctx.repos.users.byEmail("prudente@example.org");
    assert.equal(user?.isAdmin, false);
    assert.equal((await server.ctx.repos.memberships.find(user!._id, cast.programme._id))?.role, "partner");
    assert.equal(await server.ctx.repos.memberships.find(user!._id, cast.other._id), null);
  });

  it("checks the invitation itself: programme, e-mail, role, territory, unknown fields", async () => {
    const path = `/api/programmes/${cast.programme._id}/invitations`;
    const bad: object[] = [
      { email: "pas-une-adresse", role: "partner" },
      { email: "a@example.org", role: "admin" },
      { email: "a@example.org", role: "partner", isAdmin: true },
      { email: { $ne: null }, role: "partner" },
      { email: `${"a".repeat(300)}@example.org`, role: "partner" },
    ];
    for (const body of bad) assert.equal((await post(path, cast.cookies.lead).send(body)).status, 400, JSON.stringify(body));
    const territory = await post(path, cast.cookies.lead).send({ email: "a@example.org", role: "partner", territoryId: "0".repeat(24) });
    assert.equal(territory.status, 422);
    assert.equal((await post(`/api/programmes/${"0".repeat(24)}/invitations`, cast.cookies.admin).send({ email: "a@example.org", role: "partner" })).status, 404);
    assert.equal((await post("/api/programmes/n-importe-quoi/invitations", cast.cookies.admin).send({ email: "a@example.org", role: "partner" })).status, 404);
    // A lead of another programme cannot invite here.
    assert.equal((await post(`/api/programmes/${cast.other._id}/invitations`, cast.cookies.lead).send({ email: "a@example.org", role: "lead" })).status, 403);
  });

  it("asks a partner's territory; lists pending invitations, resends a new link (the old one dies) and revokes", async () => {
    const base = `/api/programmes/${cast.programme._id}/invitations`;
    const noTerritory = await post(base, cast.cookies.lead).send({ email: "sans.territoire@example.org", role: "partner" });
    assert.equal(noTerritory.status, 422);
    assert.equal(noTerritory.body.error.code, "territory_required");

    const email = "relance@example.org";
    assert.equal((await post(base, cast.cookies.lead).send({ email, role: "partner", territoryId: cast.territory._id })).status, 201);
    const firstToken = tokenIn((await waitForMail(server.dataDir, email))[0]!.text, "/atelier/invitation/");
    const list = async () => (await request(server.url).get(base).set("Cookie", cast.cookies.lead).expect(200)).body.invitations;
    const pending = (await list()).find((i: { email: string }) => i.email === email);
    assert.deepEqual(pending.territory, { id: cast.territory._id, name: cast.territory.name });
    assert.doesNotMatch(JSON.stringify(await list()), new RegExp(firstToken));

    assert.equal((await post(`${base}/${pending.id}/resend`, cast.cookies.lead).send({})).status, 200);
    const mails = await waitForMail(server.dataDir, email, 2);
    const secondToken = tokenIn(mails.at(-1)!.text, "/atelier/invitation/");
    assert.notEqual(secondToken, firstToken);
    assert.equal((await request(server.url).get(`/api/invitations/${firstToken}`)).status, 404);
    assert.equal((await request(server.url).get(`/api/invitations/${secondToken}`)).status, 200);
    // Resending does not pile up invitations: one pending per sending.
    const now = (await list()).filter((i: { email: string }) => i.email === email);
    assert.equal(now.length, 1);

    const del = (id: string) => request(server.url).delete(`${base}/${id}`).set("Origin", server.origin).set("Cookie", cast.cookies.lead);
    assert.equal((await del(now[0].id)).status, 204);
    assert.equal((await del(now[0].id)).status, 404, "an invitation is revoked once");
    assert.equal((await del("pas-un-identifiant")).status, 404);
    assert.equal((await request(server.url).get(`/api/invitations/${secondToken}`)).status, 404);
    assert.equal((await post(`${base}/${now[0].id}/resend`, cast.cookies.lead).send({})).status, 404);
  });
});
