// The team sees how many follow its programme (never who); only the admin exports the addresses as CSV.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { buildCast, type Cast, type CastRole } from "../helpers/factories.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { activeSubscriber } from "./seed.ts";

let server: TestServer;
let cast: Cast;
before(async () => {
  server = await startTestServer({ attach: [] });
  cast = await buildCast(server.ctx);
  const p = cast.programme._id;
  await activeSubscriber(server.ctx, "un@example.org", p);
  await activeSubscriber(server.ctx, "=cmd|' /C calc'!A0@example.org", p);
  await activeSubscriber(server.ctx, "tout@example.org");
  await activeSubscriber(server.ctx, "attente@example.org", p, { status: "pending" });
  await activeSubscriber(server.ctx, "parti@example.org", p, { status: "unsubscribed" });
  await activeSubscriber(server.ctx, "ailleurs@example.org", cast.other._id);
});
after(() => server.close());

const get = (path: string, who: CastRole) =>
  fetch(`${server.url}${path}`, { headers: who === "anonymous" ? {} : { Cookie: cast.cookies[who] } });

test("subscriber count: team and admin 200, others 401/403, unknown programme 404", async () => {
  const path = `/api/programmes/${cast.programme._id}/subscribers/count`;
  const expected: Record<CastRole, number> = {
    anonymous: 401,
    reader: 403,
    partner: 403,
    otherEditor: 403,
    otherPartner: 403,
    editor: 200,
    lead: 200,
    admin: 200,
  };
  for (const [who, status] of Object.entries(expected) as [CastRole, number][]) {
    const res = await get(path, who);
    assert.equal(res.status, status, who);
    if (status === 200) {
      const body = await res.json();
      assert.deepEqual(body, { programmeId: cast.programme._id, programme: 2, allProgrammes: 1 });
      assert.ok(!JSON.stringify(body).includes("@"), "never an address");
    }
  }
  assert.equal((await get(`/api/programmes/${"0".repeat(24)}/subscribers/count`, "editor")).status, 404);
  assert.equal((await get("/api/programmes/pas-un-id/subscribers/count", "editor")).status, 400);
});

test("CSV export: admin only, active subscribers, cells safe for spreadsheets", async () => {
  for (const who of ["anonymous", "reader", "partner", "editor", "lead"] as const) {
    assert.equal((await get("/api/subscribers.csv", who)).status, who === "anonymous" ? 401 : 403, who);
    assert.equal((await get(`/api/programmes/${cast.programme._id}/subscribers.csv`, who)).status, who === "anonymous" ? 401 : 403, who);
  }
  const all = await get("/api/subscribers.csv", "admin");
  assert.equal(all.status, 200);
  assert.match(all.headers.get("content-type") ?? "", /^text\/csv/);
  assert.match(all.headers.get("content-disposition") ?? "", /attachment; filename="abonnes\.csv"/);
  const text = await all.text();
  const lines = text.trim().split("\r\n");
  assert.equal(lines[0], '"email","programme","confirme_le"');
  assert.equal(lines.length, 1 + 4);
  assert.ok(text.includes(`"un@example.org","${cast.programme.slug}"`));
  assert.ok(text.includes('"tout@example.org","*"'));
  assert.ok(text.includes(`"'=cmd|' /C calc'!A0@example.org"`), "a formula is defused");
  assert.ok(!text.includes("attente@") && !text.includes("parti@"));

  const one = await (await get(`/api/programmes/${cast.programme._id}/subscribers.csv`, "admin")).text();
  assert.equal(one.trim().split("\r\n").length, 1 + 2);
  assert.ok(!one.includes("ailleurs@"));
});
