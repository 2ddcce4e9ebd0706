// Image uploads: type from the bytes, size and pixel limits, re-encoding without EXIF/GPS, variants, caching.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import sharp from "sharp";
import request from "supertest";
import { buildCast, type Cast } from "../helpers/factories.ts";
import { buildEpisode } from "../helpers/episodes.ts";
import { startTestServer, TEST_ORIGIN, type TestServer } from "../helpers/server.ts";

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#3a7f5c" } });

describe("POST /api/episodes/:episodeId/images", () => {
  let server: TestServer;
  let cast: Cast;
  let episodeId: string;

  before(async () => {
    server = await startTestServer();
    cast = await buildCast(server.ctx);
    episodeId = (await buildEpisode(server.ctx, cast.programme._id, cast.users.editor._id))._id;
  });
  after(() => server?.close());

  const upload = (body: Buffer, type = "application/octet-stream", cookie = cast.cookies.editor) =>
    request(server.url)
      .post(`/api/episodes/${episodeId}/images`)
      .set("Origin", TEST_ORIGIN)
      .set("Cookie", cookie)
      .set("Content-Type", type)
      .send(body);

  it("re-encodes a JPEG without its EXIF and GPS data, in resized WebP variants served for good", async () => {
    const jpeg = await solid(2000, 1500)
      .jpeg()
      .withExif({
        IFD0: { Artist: "Marqueur-Carnet" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "45/1 45/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "4/1 50/1 0/1" },
      })
      .toBuffer();
    assert.ok((await sharp(jpeg).metadata()).exif, "the fixture carries EXIF");
    const res = await upload(jpeg, "image/jpeg");
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const { image } = res.body as { image: { src: string; width: number; height: number; variants: { src: string; width: number }[] } };
    assert.deepEqual(image.variants.map((v) => v.width), [640, 1280]);
    assert.equal(image.width, 1280);
    assert.equal(image.height, 960);
    for (const variant of image.variants) {
      const file = await request(server.url).get(variant.src).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on("data", (c: Buffer) => chunks.push(c));
        r.on("end", () => cb(null, Buffer.concat(chunks)));
      });
      assert.equal(file.status, 200);
      assert.equal(file.headers["content-type"], "image/webp");
      assert.match(file.headers["cache-control"] ?? "", /max-age=31536000/);
      assert.match(file.headers["cache-control"] ?? "", /immutable/);
      const bytes = file.body as Buffer;
      const meta = await sharp(bytes).metadata();
      assert.equal(meta.format, "webp");
      assert.equal(meta.exif, undefined, "no EXIF left");
      assert.ok(!bytes.includes("Marqueur-Carnet"));
    }
  });

  it("keeps small images at their size, and accepts PNG, WebP and GIF by their content", async () => {
    for (const [format, bytes] of [
      ["png", await solid(300, 200).png().toBuffer()],
      ["webp", await solid(300, 200).webp().toBuffer()],
      ["gif", await solid(300, 200).gif().toBuffer()],
    ] as const) {
      // The declared type is ignored: only the bytes count.
      const res = await upload(bytes, "application/octet-stream");
      assert.equal(res.status, 201, `${format}: ${JSON.stringify(res.body)}`);
      assert.deepEqual(res.body.image.variants.map((v: { width: number }) => v.width), [300]);
    }
  });

  it("refuses what is not an image of an accepted type, whatever its name or declared type says", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    for (const [what, bytes, type] of [
      ["text posing as PNG", Buffer.from("bonjour, je suis un texte"), "image/png"],
      ["SVG", svg, "image/svg+xml"],
      ["TIFF", await solid(20, 20).tiff().toBuffer(), "image/jpeg"],
    ] as const) {
      const res = await upload(bytes, type);
      assert.equal(res.status, 415, what);
      assert.equal(res.body.error.code, "unsupported_image", what);
      assert.match(res.body.error.message, /JPEG, un PNG, un WebP ou un GIF/);
    }
  });

  it("refuses a damaged image with a clear message", async () => {
    const png = await solid(300, 200).png().toBuffer();
    const res = await upload(png.subarray(0, 60), "image/png");
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "unreadable_image");
    assert.match(res.body.error.message, /illisible/);
  });

  it("refuses more than 10 MB", async () => {
    const big = Buffer.concat([await solid(10, 10).png().toBuffer(), Buffer.alloc(10 * 1024 * 1024 + 1)]);
    const res = await upload(big, "image/png");
    assert.equal(res.status, 413);
    assert.equal(res.body.error.code, "image_too_large");
    assert.match(res.body.error.message, /10 Mo/);
  });

  it("refuses a decompression bomb (a small file that decodes to a huge bitmap)", async () => {
    const bomb = await solid(8000, 8000).png({ compressionLevel: 9 }).toBuffer();
    assert.ok(bomb.length < 2 * 1024 * 1024, "the bomb is small on disk");
    const res = await upload(bomb, "image/png");
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, "image_too_large_in_pixels");
    assert.match(res.body.error.message, /trop de pixels/);
  });

  it("a JSON body is not an upload; partners and strangers are refused before any byte is read", async () => {
    const json = await request(server.url)
      .post(`/api/episodes/${episodeId}/images`)
      .set("Origin", TEST_ORIGIN)
      .set("Cookie", cast.cookies.editor)
      .send({ image: "x" });
    assert.equal(json.status, 400);
    const png = await solid(10, 10).png().toBuffer();
    assert.equal((await upload(png, "image/png", cast.cookies.partner)).status, 404);
    assert.equal((await upload(png, "image/png", cast.cookies.otherEditor)).status, 404);
  });
});
