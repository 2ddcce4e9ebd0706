// Runs one cell of the access matrix (a route as one member of the cast), with sessions from the sign-in way under test.
import request from "supertest";
import type { Context } from "../../server/context.ts";
import type { User } from "../../server/domain/types.ts";
import { buildMembership, buildUser, type Cast, type CastRole } from "../helpers/factories.ts";
import type { TestServer } from "../helpers/server.ts";
import type { Cell, Row } from "./access-matrix.table.ts";

export type BodyChange = (body: Record<string, unknown>) => Record<string, unknown>;

type Sent = Pick<Row, "route" | "params" | "body" | "query" | "ownAccount">;

/** `cookieFor` signs a user in ("name=value"): a session made directly, or one from an identity provider. */
export function matrixCells(
  world: () => { server: TestServer; cast: Cast },
  cookieFor: (ctx: Context, user: User) => Promise<string>,
) {
  let cellNumber = 0;

  const built = async <T>(value: T | ((cell: Cell) => T | Promise<T>) | undefined, cell: Cell): Promise<T | undefined> =>
    typeof value === "function" ? await (value as (cell: Cell) => T | Promise<T>)(cell) : value;

  /** A new user with the same admin flag, affiliation and roles as a member of the cast. */
  async function twinOf(user: User): Promise<User> {
    const ctx = world().server.ctx;
    const twin = await buildUser(ctx, { isAdmin: user.isAdmin, affiliation: user.affiliation });
    for (const m of await ctx.repos.memberships.forUser(user._id)) await buildMembership(ctx, twin._id, m.programmeId, m.role);
    return twin;
  }

  /** One request as `role`: JSON to the API, or form-encoded as a browser posts a page's form (`asForm`). */
  async function runCell(row: Sent, role: CastRole, change?: BodyChange, asForm = false) {
    const { server, cast } = world();
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
    if (user) req = req.set("Cookie", await cookieFor(server.ctx, user));
    const query = await built(row.query, cell);
    if (query) req = req.query(query);
    const builtBody = await built(row.body, cell);
    const body = change && builtBody ? change(builtBody as Record<string, unknown>) : builtBody;
    if (asForm) req = req.type("form");
    const res = body === undefined ? await req : await req.send(body);
    return { status: res.status, body: res.body as unknown, location: res.headers.location as string | undefined };
  }

  return { built, runCell };
}
