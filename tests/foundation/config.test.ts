// The config module: defaults, refusal of bad values with one line naming the variable, production rules.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { ConfigError, loadConfig } from "../../server/config.ts";
import { tempDir } from "../helpers/tmp.ts";

describe("config", () => {
  it("has development defaults that need nothing", () => {
    const c = loadConfig({ DATA_DIR: tempDir() });
    assert.equal(c.port, 3000);
    assert.equal(c.publicUrl, "http://localhost:3000");
    assert.equal(c.seedDemo, true);
    assert.equal(c.secureCookies, false);
  });

  it("without SESSION_SECRET, signs with a random secret made at first start and kept in the data folder", () => {
    const dataDir = tempDir();
    const first = loadConfig({ DATA_DIR: dataDir }).sessionSecret;
    assert.ok(first.length >= 32, first);
    assert.equal(loadConfig({ DATA_DIR: dataDir }).sessionSecret, first, "the same secret after a restart");
    assert.equal(fs.readFileSync(path.join(dataDir, "session-secret"), "utf8").trim(), first);
    assert.equal(fs.statSync(path.join(dataDir, "session-secret")).mode & 0o077, 0, "readable by its owner only");
    assert.notEqual(loadConfig({ DATA_DIR: tempDir() }).sessionSecret, first, "another instance, another secret");
    assert.equal(loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: "s".repeat(40) }).sessionSecret, "s".repeat(40));
  });

  it("refuses a bad value and names the variable", () => {
    assert.throws(() => loadConfig({ PORT: "abc" }), (e: Error) => e instanceof ConfigError && /PORT/.test(e.message));
    assert.throws(() => loadConfig({ PUBLIC_URL: "ftp://x" }), /PUBLIC_URL/);
    assert.throws(() => loadConfig({ MONGODB_URL: "postgres://x" }), /MONGODB_URL/);
    assert.throws(() => loadConfig({ LOG_LEVEL: "loud" }), /LOG_LEVEL/);
    assert.throws(() => loadConfig({ SESSION_SECRET: "short" }), /SESSION_SECRET/);
  });

  it("takes REDIS_URL only beside MONGODB_URL: several instances share one database", () => {
    const dataDir = tempDir();
    assert.throws(() => loadConfig({ DATA_DIR: dataDir, REDIS_URL: "http://x" }), /REDIS_URL=.*redis:\/\//);
    assert.throws(() => loadConfig({ DATA_DIR: dataDir, REDIS_URL: "redis://x:6379" }), /REDIS_URL=.*MONGODB_URL/);
    const c = loadConfig({ DATA_DIR: dataDir, REDIS_URL: "redis://x:6379", MONGODB_URL: "mongodb://x/carnet" });
    assert.equal(c.redisUrl, "redis://x:6379");
  });

  it("in production, requires SESSION_SECRET and PUBLIC_URL and never seeds demo accounts", () => {
    assert.throws(() => loadConfig({ NODE_ENV: "production", PUBLIC_URL: "https://carnet.example.org" }), /SESSION_SECRET/);
    assert.throws(() => loadConfig({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40) }), /PUBLIC_URL/);
    const c = loadConfig({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40), PUBLIC_URL: "https://carnet.example.org/" });
    assert.equal(c.seedDemo, false);
    assert.equal(c.secureCookies, true);
    assert.equal(c.publicUrl, "https://carnet.example.org");
  });

  it("`PORT=abc npm start` prints one clear line and exits 1", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "server/main.ts"], {
      env: { ...process.env, PORT: "abc", DATA_DIR: tempDir(), NODE_ENV: "development" },
      encoding: "utf8",
      timeout: 30_000,
    });
    assert.equal(result.status, 1);
    const lines = result.stderr.trim().split("\n");
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0]!, /^Configuration invalide : PORT="abc"/);
  });
});
