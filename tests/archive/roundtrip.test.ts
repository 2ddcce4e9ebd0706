// Backup and restore: the demo (with an image) exported, imported into an empty store, exported again gives the same content.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { unzipSync } from "fflate";
import sharp from "sharp";
import { storeImage } from "../../server/api/media/images.ts";
import { mediaStoreFor } from "../../server/api/media/routes.ts";
import { decodeDoc } from "../../server/archive/format.ts";
import { seedDemo } from "../../server/seed/seed.ts";
import { startTestServer } from "../helpers/server.ts";
import { tempDir } from "../helpers/tmp.ts";
import { carnet } from "./cli.ts";

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString("utf8");

describe("carnet export / import", () => {
  const first = tempDir();
  const second = tempDir();
  const out = tempDir("carnet-archives-");
  const a = path.join(out, "a.zip");
  const b = path.join(out, "b.zip");
  let image = "";

  before(async () => {
    const server = await startTestServer({ dataDir: first });
    await seedDemo(server.ctx);
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#3a7f5c" } }).png().toBuffer();
    image = (await storeImage(png, mediaStoreFor(server.ctx))).src.slice("/media/".length);
    await server.close();
  });
  after(() => fs.rmSync(out, { recursive: true, force: true }));

  it("restores the demo into an empty store, and its export equals the first", async () => {
    const exported = await carnet(first, ["export", "--out", a]);
    assert.equal(exported.code, 0, exported.stderr);
    const imported = await carnet(second, ["import", "--in", a]);
    assert.equal(imported.code, 0, imported.stderr);
    const again = await carnet(second, ["export", "--out", b]);
    assert.equal(again.code, 0, again.stderr);
    // The process times include starting the CLI; the commands' own lines say how long the work took.
    process.stderr.write(`demo round trip: export ${exported.ms} ms, import ${imported.ms} ms (processes)\n${exported.stdout}${imported.stdout}`);

    const before = unzipSync(fs.readFileSync(a));
    const after = unzipSync(fs.readFileSync(b));
    assert.deepEqual(Object.keys(after).sort(), Object.keys(before).sort());
    const { exportedAt: _a, ...manifestA } = JSON.parse(text(before["manifest.json"]!));
    const { exportedAt: _b, ...manifestB } = JSON.parse(text(after["manifest.json"]!));
    assert.deepEqual(manifestB, manifestA);
    assert.ok(manifestA.counts.episodes > 0 && manifestA.counts.revisions > 0 && manifestA.counts.doc_updates + manifestA.counts.doc_snapshots > 0);
    for (const name of Object.keys(before).filter((n) => n.startsWith("data/")))
      assert.deepEqual(text(after[name]!).split("\n").filter(Boolean).map(decodeDoc), text(before[name]!).split("\n").filter(Boolean).map(decodeDoc), name);
    const bodies = Object.keys(before).filter((n) => n.startsWith("episodes/"));
    assert.ok(bodies.some((n) => n.endsWith(".md")) && bodies.some((n) => n.endsWith(".html")));
    for (const name of bodies) assert.equal(text(after[name]!), text(before[name]!), name);
    assert.ok(before[`media/${image}`], "the image is in the archive");
    assert.ok(Buffer.from(after[`media/${image}`]!).equals(Buffer.from(before[`media/${image}`]!)));
  });

  it("carries password hashes in the instance backup, but no sessions nor one-time tokens", () => {
    const files = unzipSync(fs.readFileSync(a));
    const users = text(files["data/users.ndjson"]!).split("\n").filter(Boolean).map(decodeDoc) as { passwordHash: string | null }[];
    assert.ok(users.some((u) => typeof u.passwordHash === "string" && u.passwordHash.startsWith("$argon2")));
    assert.equal(Object.keys(files).some((n) => /sessions|tokens|meta|mail_jobs|store_locks/.test(n)), false);
  });

  it("refuses to import into a store that is not empty, and writes nothing", async () => {
    const refused = await carnet(second, ["import", "--in", a]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /n'est pas vide/);
  });

  it("signs in on the restored instance with the demo's password, and its published episode reads the same", async () => {
    const server = await startTestServer({ dataDir: second });
    try {
      const { DEMO_PASSWORD } = await import("../../server/seed/seed.ts");
      const files = unzipSync(fs.readFileSync(a));
      const users = text(files["data/users.ndjson"]!).split("\n").filter(Boolean).map(decodeDoc) as { email: string; passwordHash: string | null }[];
      const email = users.find((u) => u.passwordHash)!.email;
      const res = await fetch(`${server.url}/api/session`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: server.origin },
        body: JSON.stringify({ email, password: DEMO_PASSWORD }),
      });
      assert.equal(res.status, 200, await res.text());
    } finally {
      await server.close();
    }
  });
});
