// Runs the access matrix: every API route × every member of the cast, against one server.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import request from "supertest";
import type { User } from "../../server/domain/types.ts";
import { registeredForms, registeredRoutes } from "../../server/http/routes.ts";
import { buildCast, buildMembership, buildUser, type Cast, type CastRole, sessionCookieFor } from "../helpers/factories.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { type Cell, COLUMNS, forms, landing, type Row, table } from "./access-matrix.table.ts";

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
let cellNumber = 0;

const built = async <T>(value: T | ((cell: Cell) => T | Promise<T>) | undefined, cell: Cell): Promise<T | undefined> =>
  typeof value === "function" ? await (value as (cell: Cell) => T | Promise<T>)(cell) : value;

/** A new user with the same admin flag, affiliation and roles as a member of the cast. */
async function twinOf(user: User): Promise<User> {
  const ctx = server.ctx;
  const twin = await buildUser(ctx, { isAdmin: user.isAdmin, affiliation: user.affiliation });
  for (const m of await ctx.repos.memberships.forUser(user._id)) await buildMembership(ctx, twin._id, m.programmeId, m.role);
  return twin;
}

type BodyChange = (body: Record<string, unknown>) => Record<string, unknown>;

type Sent = Pick<Row, "route" | "params" | "body" | "query" | "ownAccount">;

/** One request as `role`: JSON to the API, or form-encoded as a browser posts a page's form (`asForm`). */
async function runCell(row: Sent, role: CastRole, change?: BodyChange, asForm = false) {
  const [method, template] = row.route.split(" ") as [string, string];
  let user = role === "anonymous" ? null : cast.users[role];
  if (user && row.ownAccount) user = await twinOf(user);
  const cell: Cell = { ctx: server.ctx, cast, role, user };
  const params = { programmeId: cast.programme._id, ...(await built(row.params, cell)) };
  const path = template.replace(/:(\w+)/g, (_m, name: string) => {
    const value = params[name as keyof typeof params];
    if (value === undefined) throw new Error(`${row.route} : paramètre :${name} manquant dans la table`);
    return encodeURIComponent(value);
  });
  const cellIp = ++cellNumber;
  let req = request(server.url)
    [method.toLowerCase() as "get" | "post" | "put" | "patch" | "delete"](path)
    .set("Origin", server.origin)
    .set("Accept", asForm ? "text/html" : "application/json")
    // One client address per cell, so per-IP brute-force limits of one cell never touch another.
    .set("X-Forwarded-For", `10.${(cellIp >> 16) & 255}.${(cellIp >> 8) & 255}.${cellIp & 255}`);
  if (user) req = req.set("Cookie", await sessionCookieFor(server.ctx, user._id));
  const query = await built(row.query, cell);
  if (query) req = req.query(query);
  const builtBody = await built(row.body, cell);
  const body = change && builtBody ? change(builtBody as Record<string, unknown>) : builtBody;
  if (asForm) req = req.type("form");
  const res = body === undefined ? await req : await req.send(body);
  return { status: res.status, body: res.body as unknown, location: res.headers.location as string | undefined };
}

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
