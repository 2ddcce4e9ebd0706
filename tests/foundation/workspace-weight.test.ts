// The production build of the workspace: first load of /atelier within budget without the editor, assets sent precompressed and immutable, the offline worker at a fixed address.
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import zlib from "node:zlib";
import { ensureClientBuilt } from "../browser/workspace.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

const DIST = path.resolve(import.meta.dirname, "../../client/dist");
const BUDGET = 120 * 1024;
// Strings that survive minification and belong only to the editor's libraries.
const EDITOR_MARKERS = ["__lexicalKey", "Yjs was already imported"];

/** The JavaScript files the HTML page loads before anything else: its module scripts and modulepreloads. */
function firstLoadScripts(): string[] {
  const page = fs.readFileSync(path.join(DIST, "index.html"), "utf8");
  const refs = [
    ...page.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...page.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1]!);
  return [...new Set(refs)].map((ref) => path.join(DIST, ref.replace(/^\/atelier\//, "")));
}

const gzipSize = (body: Buffer) => zlib.gzipSync(body, { level: 9 }).length;
const brotliSize = (body: Buffer) => zlib.brotliCompressSync(body).length;

/** A raw GET (no automatic decompression), so the test sees the bytes and headers as sent. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

let server: TestServer;

before(async () => {
  ensureClientBuilt();
  server = await startTestServer();
});

after(async () => {
  await server.close();
});

describe("workspace weight", () => {
  it("loads at most 120 KB of compressed JavaScript first, and none of it is the editor", () => {
    const files = firstLoadScripts();
    assert.ok(files.length > 0, "the page loads at least one script");
    const bodies = files.map((f) => fs.readFileSync(f));
    const gzip = bodies.reduce((sum, b) => sum + gzipSize(b), 0);
    const brotli = bodies.reduce((sum, b) => sum + brotliSize(b), 0);
    console.log(`first load: ${files.length} file(s), gzip ${(gzip / 1024).toFixed(1)} KB, brotli ${(brotli / 1024).toFixed(1)} KB`);
    assert.ok(gzip <= BUDGET, `first load is ${gzip} bytes gzip, over the ${BUDGET} budget`);
    for (const body of bodies) for (const marker of EDITOR_MARKERS) assert.ok(!body.includes(marker), `first load contains ${marker}`);
  });

  it("builds the editor as a chunk of its own", () => {
    const first = new Set(firstLoadScripts());
    const assets = fs.readdirSync(path.join(DIST, "assets")).filter((f) => f.endsWith(".js"));
    const editor = assets.map((f) => path.join(DIST, "assets", f)).filter((f) => !first.has(f) && fs.readFileSync(f).includes("__lexicalKey"));
    assert.equal(editor.length, 1, "one lazy chunk holds Lexical");
    const body = fs.readFileSync(editor[0]!);
    console.log(`editor chunk: ${(body.length / 1024).toFixed(1)} KB, gzip ${(gzipSize(body) / 1024).toFixed(1)} KB, brotli ${(brotliSize(body) / 1024).toFixed(1)} KB`);
  });

  it("sends hashed assets precompressed (brotli, then gzip, else plain) with immutable caching", async () => {
    const [script] = firstLoadScripts();
    const url = `${server.url}/atelier/assets/${path.basename(script!)}`;
    const plain = fs.readFileSync(script!);
    for (const [accept, encoding, file] of [
      ["br, gzip", "br", `${script}.br`],
      ["gzip", "gzip", `${script}.gz`],
      ["identity", undefined, script!],
    ] as const) {
      const res = await rawGet(url, { "accept-encoding": accept });
      assert.equal(res.status, 200);
      assert.equal(res.headers["content-encoding"], encoding, `encoding for "${accept}"`);
      assert.deepEqual(res.body, fs.readFileSync(file));
      assert.match(String(res.headers["content-type"]), /javascript/);
      assert.match(String(res.headers["cache-control"]), /immutable/);
      assert.match(String(res.headers["cache-control"]), /max-age=31536000/);
      assert.match(String(res.headers.vary), /Accept-Encoding/i);
    }
    assert.ok(fs.readFileSync(`${script}.br`).length < plain.length / 2);
  });

  it("serves the offline worker at /atelier/sw.js, revalidated each time, under the site's CSP", async () => {
    const res = await rawGet(`${server.url}/atelier/sw.js`, { accept: "*/*" });
    assert.equal(res.status, 200);
    assert.match(String(res.headers["content-type"]), /javascript/);
    assert.equal(res.headers["cache-control"], "no-cache");
    assert.equal(res.headers["service-worker-allowed"], "/atelier/");
    assert.match(String(res.headers["content-security-policy"]), /default-src 'self'/);
    assert.deepEqual(res.body, fs.readFileSync(path.join(DIST, "sw.js")));
  });
});
