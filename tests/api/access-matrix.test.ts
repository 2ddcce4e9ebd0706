// Runs the access matrix: every API route × every member of the cast, against one server.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { registeredForms, registeredRoutes } from "../../server/http/routes.ts";
import { buildCast, type Cast, sessionCookieFor } from "../helpers/factories.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { COLUMNS, forms, landing, table } from "./access-matrix.table.ts";
import { type BodyChange, matrixCells } from "./accessMatrixCells.ts";

/** Fields an attacker would add to climb: refused wherever the route does not take them. */
const MASS_ASSIGNMENT: Record<string, unknown> = {
  role: "lead",
  isAdmin: true,
  status: "published",
  number: 1,
  programmeId: "0".repeat(24),
  zzChampInconnu: true,
};

let server: TestServer;
let cast: Cast;
const unexpected2xx: string[] = [];

const { built, runCell } = matrixCells(() => ({ server, cast }), (ctx, user) => sessionCookieFor(ctx, user._id));

describe("access matrix", () => {
  before(async () => {
    server = await startTestServer();
    cast = await buildCast(server.ctx);
  });
  after(async () => {
    await server.close();
  });

  it("has exactly one row per registered API route", () => {
    const registered = registeredRoutes.map((r) => `${r.method.toUpperCase()} /api${r.path}`);
    const rows = table.map((r) => r.route);
    const missing = registered.filter((r) => !rows.includes(r));
    const stale = rows.filter((r) => !registered.includes(r));
    const twice = rows.filter((r, i) => rows.indexOf(r) !== i);
    assert.deepEqual(
      { missing, stale, twice },
      { missing: [], stale: [], twice: [] },
      "routes sans ligne dans tests/api/access-matrix.table.ts (missing), lignes sans route (stale), lignes en double",
    );
  });

  for (const row of table) {
    it(row.route, async () => {
      const wrong: string[] = [];
      for (const role of COLUMNS) {
        const { status, body } = await runCell(row, role);
        const expected = row.expected[role];
        if (status >= 200 && status < 300 && !(expected >= 200 && expected < 300)) unexpected2xx.push(`${row.route} as ${role}`);
        if (status !== expected) wrong.push(`${role}: attendu ${expected}, reçu ${status} ${JSON.stringify(body).slice(0, 200)}`);
      }
      assert.deepEqual(wrong, [], `${row.route}\n${wrong.join("\n")}`);
    });
  }

  // Every body the table sends, as the least privileged member allowed, with one field it does not take
  // (unknown, or a privileged one such as isAdmin) or one operator payload: 400, never a 2xx.
  for (const row of table.filter((r) => r.body !== undefined)) {
    it(`${row.route} refuses extra fields and operator payloads`, async () => {
      const role = COLUMNS.find((c) => row.expected[c] >= 200 && row.expected[c] < 300);
      if (!role) return;
      const sample = await built(row.body, { ctx: server.ctx, cast, role, user: null });
      // Only JSON objects: a raw upload (a Buffer) has no fields to add.
      if (!sample || Object.getPrototypeOf(sample) !== Object.prototype) return;
      const changes: [string, BodyChange][] = [];
      for (const [key, value] of Object.entries(MASS_ASSIGNMENT))
        if (!(key in sample) && !row.takes?.includes(key)) changes.push([`${key} en plus`, (b) => ({ ...b, [key]: value })]);
      for (const [key, value] of Object.entries(sample))
        if (typeof value === "string") changes.push([`${key}: {$ne: null}`, (b) => ({ ...b, [key]: { $ne: null } })]);
      const wrong: string[] = [];
      for (const [what, change] of changes) {
        const { status } = await runCell(row, role, change);
        if (status >= 200 && status < 300) unexpected2xx.push(`${row.route} as ${role} with ${what}`);
        if (status !== 400) wrong.push(`${what}: attendu 400, reçu ${status}`);
      }
      assert.deepEqual(wrong, [], `${row.route} (${role})\n${wrong.join("\n")}`);
    });
  }

  it("has at least one row per registered page form", () => {
    const registered = registeredForms.map((r) => `${r.method.toUpperCase()} ${r.path}`);
    const rows = forms.map((r) => r.route);
    assert.ok(registered.length > 0);
    assert.deepEqual(
      { missing: registered.filter((r) => !rows.includes(r)), stale: rows.filter((r) => !registered.includes(r)) },
      { missing: [], stale: [] },
      "formulaires sans ligne dans `forms` de tests/api/access-matrix.table.ts (missing), lignes sans formulaire (stale)",
    );
  });

  for (const row of forms) {
    it(`${row.route} (form: ${row.case})`, async () => {
      const wrong: string[] = [];
      for (const role of COLUMNS) {
        const { status, location } = await runCell(row, role, undefined, true);
        const outcome = status === 303 ? `303:${landing(location)}` : String(status);
        if (outcome !== row.expected[role]) wrong.push(`${role}: attendu ${row.expected[role]}, reçu ${outcome}`);
      }
      assert.deepEqual(wrong, [], `${row.route} (${row.case})\n${wrong.join("\n")}`);
    });
  }

  it("gives no unexpected 2xx in any cell", () => {
    const cells = table.length * COLUMNS.length;
    assert.ok(cells > 0);
    assert.deepEqual(unexpected2xx, [], `${unexpected2xx.length} réponses 2xx inattendues sur ${cells} cellules`);
  });
});
