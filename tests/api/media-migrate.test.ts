// `carnet media:migrate`: a single instance's DATA_DIR/media copied into GridFS before switching to MONGODB_URL, replayable.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import sharp from "sharp";
import request from "supertest";
import { commands } from "../../server/cli/commands.ts";
import { AppError } from "../../server/errors.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

describe("media:migrate", () => {
  let server: TestServer;
  let images: Record<string, Buffer>;
  let dir: string;
  const migrate = () => commands["media:migrate"]!.run(server.ctx, {});

  before(async () => {
    server = await startTestServer();
    dir = path.join(server.dataDir, "media");
    fs.mkdirSync(dir, { recursive: true });
    images = {
      "3f9a2c-640.webp": await sharp({ create: { width: 64, height: 48, channels: 3, background: "#3a7f5c" } }).webp().toBuffer(),
      "b71e04-1280.webp": await sharp({ create: { width: 128, height: 96, channels: 3, background: "#7f3a5c" } }).webp().toBuffer(),
    };
    for (const [name, bytes] of Object.entries(images)) fs.writeFileSync(path.join(dir, name), bytes);
    // What the folder store never serves: a temporary left by a crash, and a file put there by hand.
    fs.writeFileSync(path.join(dir, ".0d1c-tmp.tmp"), "à moitié");
    fs.writeFileSync(path.join(dir, "LISEZMOI"), "notes");
  });
  after(() => server?.close());

  it("copies each image of DATA_DIR/media into the database once, served with the same headers; a second run copies nothing", async (t) => {
    if (!server.ctx.store.bucket) {
      t.diagnostic("embedded store: the images already live in DATA_DIR/media, so the command refuses (tested here); the copy runs in the MongoDB pass");
      await assert.rejects(migrate(), (error: unknown) => error instanceof AppError && error.status === 400 && /MONGODB_URL/.test(error.message));
      return;
    }
    const first = (await migrate()).json;
    assert.deepEqual(first, { copied: ["3f9a2c-640.webp", "b71e04-1280.webp"], present: [], ignored: [".0d1c-tmp.tmp", "LISEZMOI"] });
    fs.rmSync(dir, { recursive: true });
    for (const [name, bytes] of Object.entries(images)) {
      const res = await request(server.url)
        .get(`/media/${name}`)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on("data", (c: Buffer) => chunks.push(c));
          r.on("end", () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      assert.ok((res.body as Buffer).equals(bytes), `${name}: the same bytes, from the database`);
      assert.equal(res.headers["cache-control"], "public, max-age=31536000, immutable");
      assert.equal(res.headers["content-type"], "image/webp");
    }
    fs.mkdirSync(dir);
    for (const [name, bytes] of Object.entries(images)) fs.writeFileSync(path.join(dir, name), bytes);
    assert.deepEqual((await migrate()).json, { copied: [], present: ["3f9a2c-640.webp", "b71e04-1280.webp"], ignored: [] });
  });
});
