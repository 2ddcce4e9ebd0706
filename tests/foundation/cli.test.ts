// The admin CLI on a real data folder: creates what a production install needs, refuses bad input and a busy store.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { loadConfig } from "../../server/config.ts";
import { createLogger } from "../../server/log.ts";
import { startServer } from "../../server/server.ts";
import { tempDir } from "../helpers/tmp.ts";

function carnet(dataDir: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ["bin/carnet.js", ...args], {
    env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: "development" },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe("admin CLI", () => {
  it("creates a territory, an admin, a programme and a membership, with --json output", () => {
    const dir = tempDir();
    const territory = carnet(dir, "territory:add", "--name", "Ville de Brest", "--kind", "commune", "--json");
    assert.equal(territory.code, 0, territory.err);
    assert.equal(JSON.parse(territory.out).territory.name, "Ville de Brest");

    const admin = carnet(dir, "user:add", "--email", "Ada@Example.org", "--name", "Ada", "--password", "un mot de passe solide 42", "--admin", "--json");
    assert.equal(admin.code, 0, admin.err);
    const user = JSON.parse(admin.out).user;
    assert.equal(user.email, "ada@example.org");
    assert.equal(user.isAdmin, true);

    const programme = carnet(dir, "programme:add", "--title", "Que voudrait-on tester ?", "--status", "running", "--start", "2024-01", "--json");
    assert.equal(programme.code, 0, programme.err);
    assert.equal(JSON.parse(programme.out).programme.slug, "que-voudrait-on-tester");

    const member = carnet(dir, "member:add", "--email", "ada@example.org", "--programme", "que-voudrait-on-tester", "--role", "lead");
    assert.equal(member.code, 0, member.err);
    assert.match(member.out, /lead/);
  });

  it("refuses bad input with a clear message and a non-zero exit", () => {
    const dir = tempDir();
    const bad = carnet(dir, "user:add", "--email", "pas-une-adresse", "--name", "X", "--json");
    assert.equal(bad.code, 1);
    assert.equal(JSON.parse(bad.err).error.code, "invalid_input");
    const weak = carnet(dir, "user:add", "--email", "x@example.org", "--name", "X", "--password", "court");
    assert.equal(weak.code, 1);
    assert.match(weak.err, /^Erreur : /);
    const unknown = carnet(dir, "nope");
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /Commande inconnue/);
  });

  it("refuses to open the embedded store while a server holds it", async () => {
    const dir = tempDir();
    const config = loadConfig({ NODE_ENV: "test", HOST: "127.0.0.1", PORT: "0", DATA_DIR: dir, LOG_LEVEL: "silent" });
    const server = await startServer(config, createLogger({ level: "silent", pretty: false }));
    try {
      const busy = carnet(dir, "territory:add", "--name", "Ville de Brest", "--kind", "commune");
      assert.equal(busy.code, 1);
      assert.match(busy.err, /déjà utilisé par un autre processus Carnet/);
    } finally {
      await server.close();
    }
  });
});
