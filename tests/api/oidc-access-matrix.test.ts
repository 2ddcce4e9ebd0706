// The access matrix again, every member of the cast signed in through a ProConnect-like provider: the same answers as with passwords.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { buildCast, type Cast } from "../helpers/factories.ts";
import { startOidcProvider, type TestProvider } from "../helpers/oidcProvider.ts";
import { signInThroughProvider } from "../helpers/oidcSignIn.ts";
import { freePort, startTestServer, type TestServer } from "../helpers/server.ts";
import { COLUMNS, table } from "./access-matrix.table.ts";
import { matrixCells } from "./accessMatrixCells.ts";

let server: TestServer;
let op: TestProvider;
let cast: Cast;
const signIns = new Set<string>();

// Every cell gets a session of its own, as in the password matrix (a sign-in row ends the session it was sent with).
const { runCell } = matrixCells(
  () => ({ server, cast }),
  async (ctx, user) => {
    op.agents.set(user._id, { email: user.email, given_name: "Agent", usual_name: user.name, siret: "21690123100011" });
    const cookie = await signInThroughProvider(server.url, "proconnect", user._id);
    const session = await ctx.services.sessions.resolve(cookie.split("=")[1]);
    assert.equal(session.user?._id, user._id);
    signIns.add(user._id);
    return cookie;
  },
);

describe("access matrix with provider sign-in", { timeout: 300_000 }, () => {
  before(async () => {
    const port = await freePort();
    op = await startOidcProvider(`http://127.0.0.1:${port}`);
    server = await startTestServer({ realOrigin: true, port, env: op.envFor() });
    cast = await buildCast(server.ctx);
  });
  after(async () => {
    await server?.close();
    await op?.close();
  });

  for (const row of table) {
    it(row.route, async () => {
      const wrong: string[] = [];
      for (const role of COLUMNS) {
        const { status } = await runCell(row, role);
        // Signing out of a provider session answers 200 with the provider's sign-out address instead of 204.
        const expected = row.route === "DELETE /api/session" && row.expected[role] === 204 ? 200 : row.expected[role];
        if (status !== expected) wrong.push(`${role}: attendu ${expected}, reçu ${status}`);
      }
      assert.deepEqual(wrong, [], `${row.route}\n${wrong.join("\n")}`);
    });
  }

  it("signed every member of the cast in through the provider", async () => {
    const members = Object.values(cast.users).map((u) => u._id);
    assert.deepEqual(members.filter((id) => !signIns.has(id)), []);
    for (const id of members) assert.equal((await server.ctx.repos.users.byId(id))?.oidcSubjects?.[0], `proconnect ${id}`);
  });
});
