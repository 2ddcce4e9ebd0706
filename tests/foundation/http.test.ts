// The HTTP foundation: health, JSON errors, French 404 page, body limits, security headers, shutdown.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import request from "supertest";
import { startTestServer, TEST_ORIGIN, type TestServer } from "../helpers/server.ts";
import { tempDir } from "../helpers/tmp.ts";

describe("HTTP foundation", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.close();
  });

  it("GET /healthz answers 200 with the engine", async () => {
    const res = await request(server.url).get("/healthz").expect(200);
    assert.deepEqual(res.body, { status: "ok", store: "embedded" });
  });

  it("unknown API routes are 404 JSON", async () => {
    const res = await request(server.url).get("/api/nothing-here").expect(404);
    assert.equal(res.body.error.code, "not_found");
    assert.equal(typeof res.body.error.message, "string");
  });

  it("unknown pages are a French 404 page", async () => {
    const res = await request(server.url).get("/nulle-part").set("Accept", "text/html").expect(404);
    assert.match(res.text, /<html lang="fr">/);
    assert.match(res.text, /Page introuvable/);
  });

  it("malformed JSON is 400 invalid_json, without a stack trace", async () => {
    const res = await request(server.url)
      .post("/api/anything")
      .set("Origin", TEST_ORIGIN)
      .set("Content-Type", "application/json")
      .send('{"a":')
      .expect(400);
    assert.equal(res.body.error.code, "invalid_json");
    assert.doesNotMatch(JSON.stringify(res.body), /at .*\.ts:\d+/);
  });

  it("oversized bodies are 413", async () => {
    const res = await request(server.url)
      .post("/api/anything")
      .set("Origin", TEST_ORIGIN)
      .set("Content-Type", "application/json")
      .send(JSON.stringify({ big: "x".repeat(2 * 1024 * 1024) }))
      .expect(413);
    assert.equal(res.body.error.code, "payload_too_large");
  });

  it("sends a strict Content-Security-Policy and a request id", async () => {
    const res = await request(server.url).get("/healthz");
    const csp = String(res.headers["content-security-policy"]);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.match(String(res.headers["x-request-id"]), /^[0-9a-f-]{36}$/);
    assert.equal(res.headers["x-powered-by"], undefined);
  });
});

describe("graceful shutdown", () => {
  it("on SIGTERM, stops, closes the store (releasing its lock) and exits 0", async () => {
    const dataDir = tempDir();
    const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, SEED_DEMO: "never", LOG_LEVEL: "warn", NODE_ENV: "test" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
      child.stdout.on("data", () => {
        if (out.includes("Carnet :")) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once("exit", (code) => reject(new Error(`exited early with ${code}: ${out}`)));
    });
    assert.ok(fs.existsSync(path.join(dataDir, "carnet.lock")));
    const code = await new Promise<number | null>((resolve) => {
      child.once("exit", (c) => resolve(c));
      child.kill("SIGTERM");
    });
    assert.equal(code, 0);
    assert.equal(fs.existsSync(path.join(dataDir, "carnet.lock")), false);
  });
});
