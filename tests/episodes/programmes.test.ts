// Programmes and members over HTTP: who creates, reads, sets up and manages them; what is refused.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildProgramme, buildUser, type Cast } from "../helpers/factories.ts";
import type { TestServer } from "../helpers/server.ts";
import { useCastServer } from "../helpers/suite.ts";
import { api } from "./client.ts";

describe("programmes API", () => {
  let server: TestServer;
  let cast: Cast;
  let http: ReturnType<typeof api>;
  useCastServer((s, c) => {
    [server, cast, http] = [s, c, api(s)];
  });

  it("lets only the admin create a programme, with a French slug", async () => {
    const body = { title: "Tronc Commun : la forêt ?", territoryIds: [cast.territory._id] };
    await http.post("/programmes", undefined, body).expect(401);
    await http.post("/programmes", cast.cookies.lead, body).expect(403);
    const res = await http.post("/programmes", cast.cookies.admin, body).expect(201);
    assert.equal(res.body.programme.slug, "tronc-commun-la-foret");
    assert.equal(res.body.programme.licence, "CC BY-SA 4.0");
    assert.deepEqual(res.body.programme.territories, [
      { id: cast.territory._id, name: cast.territory.name, kind: cast.territory.kind },
    ]);
    const again = await http.post("/programmes", cast.cookies.admin, body).expect(409);
    assert.equal(again.body.error.code, "slug_taken");
    await http.post("/programmes", cast.cookies.admin, { title: "x", territoryIds: ["a".repeat(24)] }).expect(422);
  });

  it("lists one's programmes (all for the admin, all public ones for anonymous)", async () => {
    const ids = async (cookie?: string) =>
      (await http.get("/programmes", cookie).expect(200)).body.programmes.map((p: { id: string }) => p.id) as string[];
    assert.deepEqual(await ids(cast.cookies.editor), [cast.programme._id]);
    assert.deepEqual(await ids(cast.cookies.reader), []);
    assert.ok((await ids(cast.cookies.admin)).includes(cast.other._id));
    assert.ok((await ids()).includes(cast.other._id));
    const mine = (await http.get(`/programmes/${cast.programme.slug}`, cast.cookies.partner).expect(200)).body.programme;
    assert.equal(mine.role, "partner");
    await http.get("/programmes/nexiste-pas").expect(404);
  });

  it("lets the lead change the settings, validated", async () => {
    const path = `/programmes/${cast.programme._id}`;
    const settings = {
      title: "Nouvelles Mesures",
      tagline: "Des outils de gestion écologique",
      status: "finished",
      period: { start: "2021-01", end: "2024-12" },
      funders: ["Fondation de France"],
      resources: [{ label: "Synthèse", url: "https://example.org/synthese.pdf" }],
      contactEmail: "equipe@example.org",
      licence: "CC BY 4.0",
    };
    await http.patch(path, cast.cookies.editor, settings).expect(403);
    await http.patch(path, undefined, settings).expect(401);
    const res = await http.patch(path, cast.cookies.lead, settings).expect(200);
    assert.equal(res.body.programme.status, "finished");
    assert.deepEqual(res.body.programme.resources, settings.resources);
    const bad = [
      { resources: [{ label: "x", url: "javascript:alert(1)" }] },
      { period: { start: "2024-05", end: "2023-01" } },
      { status: "closed" },
      { title: "" },
      { contactEmail: "pas une adresse" },
      { slug: "autre" },
      { $set: { title: "x" } },
    ];
    for (const body of bad) assert.equal((await http.patch(path, cast.cookies.lead, body)).status, 400, JSON.stringify(body));
  });

  it("lets the lead manage members, keeping at least one lead", async () => {
    const base = `/programmes/${cast.programme._id}/members`;
    const events: string[] = [];
    server.ctx.events.on("access.changed", (e) => events.push(e.userId));
    await http.get(base, cast.cookies.editor).expect(403);
    await http.get(base).expect(401);
    const list = (await http.get(base, cast.cookies.lead).expect(200)).body.members;
    assert.deepEqual(list.map((m: { role: string }) => m.role).sort(), ["editor", "lead", "partner"]);
    assert.equal(list.find((m: { role: string }) => m.role === "partner").territory.id, cast.territory._id);
    for (const m of list) assert.equal("passwordHash" in m, false);

    const editor = cast.users.editor._id;
    const res = await http.patch(`${base}/${editor}`, cast.cookies.lead, { role: "partner" }).expect(200);
    assert.equal(res.body.member.role, "partner");
    await http.patch(`${base}/${editor}`, cast.cookies.lead, { role: "boss" }).expect(400);
    await http.patch(`${base}/${cast.users.reader._id}`, cast.cookies.lead, { role: "editor" }).expect(404);
    const last = await http.patch(`${base}/${cast.users.lead._id}`, cast.cookies.lead, { role: "editor" }).expect(409);
    assert.equal(last.body.error.code, "last_lead");
    await http.delete(`${base}/${cast.users.lead._id}`, cast.cookies.admin).expect(409);
    await http.delete(`${base}/${editor}`, cast.cookies.lead).expect(204);
    await http.delete(`${base}/${editor}`, cast.cookies.lead).expect(404);
    assert.deepEqual(events, [editor, editor]);
  });

  it("keeps the last lead whoever changes roles: the API, an invitation or the CLI all go through the service", async () => {
    const programme = await buildProgramme(server.ctx);
    const lead = await buildUser(server.ctx);
    const service = server.ctx.services.programmes;
    await service.grantRole(lead._id, programme._id, "lead");
    await assert.rejects(service.grantRole(lead._id, programme._id, "editor"), { code: "last_lead" });
    await assert.rejects(service.removeMember(lead._id, programme._id), { code: "last_lead" });
    const second = await buildUser(server.ctx);
    await service.grantRole(second._id, programme._id, "lead");
    await service.grantRole(lead._id, programme._id, "editor");
    assert.equal((await server.ctx.repos.memberships.find(lead._id, programme._id))?.role, "editor");
  });
});
