// Every HTML answer carries the strict CSP and runs no inline script; /media serves only stored images, without sniffing.
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { before, describe, it } from "node:test";
import sharp from "sharp";
import { buildEpisode } from "../helpers/episodes.ts";
import { TEST_ORIGIN } from "../helpers/server.ts";
import { castServer } from "./setup.ts";

/** A GET with the path sent byte for byte (fetch would resolve "..", which is what the server must do safely). */
function rawGet(url: string, rawPath: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method: "GET", headers: { accept: "text/html" } }, (res) => {
      let body = "";
      res.on("data", (c) => {
        body += c;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** What would run in the page without coming from our own script files. */
function inlineCode(html: string): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1] ?? "";
    const isData = /\btype\s*=\s*"application\/ld\+json"/i.test(attrs);
    const src = /\bsrc\s*=\s*"([^"]+)"/i.exec(attrs)?.[1];
    if (!isData && (!src?.startsWith("/") || src.startsWith("//") || (m[2] ?? "").trim())) found.push(m[0].slice(0, 120));
  }
  for (const m of html.matchAll(/<[a-z][^>]*\son[a-z]+\s*=/gi)) found.push(m[0].slice(0, 120));
  for (const m of html.matchAll(/(?:href|src|action)\s*=\s*"\s*javascript:/gi)) found.push(m[0]);
  return found;
}

describe("security: headers and inline code", () => {
  const env = castServer();
  let episodePath: string;
  before(async () => {
    const e = await buildEpisode(env.server.ctx, env.cast.programme._id, env.cast.users.lead._id, "published");
    episodePath = `/carnets/${env.cast.programme.slug}/${e.number}-${e.slug}`;
  });

  it("every kind of HTML page has the CSP, nosniff and no inline script, the workspace included", async () => {
    const pages: [string, string | undefined][] = [
      ["/", undefined],
      [`/carnets/${env.cast.programme.slug}`, undefined],
      [episodePath, undefined],
      [episodePath, env.cast.cookies.partner],
      ["/abonnement/merci", undefined],
      ["/abonnement/confirmer/pas-un-vrai-lien-0123456789", undefined],
      ["/abonnement/desabonner/pas-un-vrai-lien-0123456789", undefined],
      ["/page-qui-n-existe-pas", undefined],
      [`/carnets/${env.cast.programme.slug}/999`, undefined],
      ["/atelier/", undefined],
      ["/atelier/programmes/quelque-chose", env.cast.cookies.editor],
    ];
    if (!fs.existsSync(path.resolve(import.meta.dirname, "../../client/dist/index.html")))
      assert.fail("the workspace is not built: run `npm run build` first (npm test does)");
    for (const [address, cookie] of pages) {
      const res = await fetch(`${env.server.url}${address}`, { headers: { accept: "text/html", ...(cookie ? { cookie } : {}) } });
      const csp = res.headers.get("content-security-policy") ?? "";
      assert.match(csp, /(^|;)\s*script-src 'self'(;|$)/, `${address}: script-src is 'self' only`);
      assert.match(csp, /default-src 'self'/, address);
      assert.match(csp, /frame-ancestors 'none'/, address);
      assert.match(csp, /object-src 'none'/, address);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, address);
      assert.equal(res.headers.get("x-content-type-options"), "nosniff", address);
      assert.match(res.headers.get("content-type") ?? "", /^text\/html/, address);
      assert.deepEqual(inlineCode(await res.text()), [], `${address} (${res.status}) has inline code`);
    }
  });

  it("an HTML form error (bad input on a form) is a page with the same headers, not a stack trace", async () => {
    const res = await fetch(`${env.server.url}/abonnement`, {
      method: "POST",
      headers: { origin: TEST_ORIGIN, accept: "text/html", "content-type": "application/x-www-form-urlencoded" },
      body: "email=pas-une-adresse&programme=%24ne",
    });
    assert.equal(res.status, 400);
    assert.match(res.headers.get("content-security-policy") ?? "", /script-src 'self'/);
    const text = await res.text();
    assert.doesNotMatch(text, /at .*\.ts:\d+|node_modules/);
    assert.deepEqual(inlineCode(text), []);
  });

  it("/media serves stored images as images, never anything outside the folder or half-written", async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#c00" } }).png().toBuffer();
    const upload = await fetch(`${env.server.url}/api/episodes/${(await buildEpisode(env.server.ctx, env.cast.programme._id, env.cast.users.lead._id))._id}/images`, {
      method: "POST",
      headers: { origin: TEST_ORIGIN, cookie: env.cast.cookies.editor, "content-type": "image/png" },
      body: png,
    });
    assert.equal(upload.status, 201);
    const { image } = (await upload.json()) as { image: { src: string } };
    const served = await fetch(`${env.server.url}${image.src}`);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get("content-type"), "image/webp");
    assert.equal(served.headers.get("x-content-type-options"), "nosniff");

    const mediaDir = path.join(env.server.dataDir, "media");
    fs.writeFileSync(path.join(mediaDir, ".en-cours.tmp"), "<script>alert(1)</script>");
    fs.writeFileSync(path.join(env.server.dataDir, "secret.txt"), "SECRET-OUTSIDE-MEDIA");
    for (const attempt of [
      "/media/../secret.txt",
      "/media/..%2fsecret.txt",
      "/media/%2e%2e/secret.txt",
      "/media/%2e%2e%2fsecret.txt",
      "/media/..%5csecret.txt",
      "/media//etc/passwd",
      "/media/.en-cours.tmp",
      "/media/%2een-cours.tmp",
    ]) {
      const res = await rawGet(env.server.url, attempt);
      assert.ok(res.status >= 400 && res.status < 500, `${attempt} answers ${res.status}`);
      assert.ok(!res.body.includes("SECRET-OUTSIDE-MEDIA") && !res.body.includes("alert(1)") && !res.body.includes("root:"), attempt);
    }
  });
});
