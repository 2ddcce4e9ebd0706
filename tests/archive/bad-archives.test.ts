// Hostile and broken archives: each gets a clear error from `carnet import`, and the store stays empty.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { zipSync } from "fflate";
import { INSTANCE_COLLECTIONS } from "../../server/archive/format.ts";
import { startTestServer } from "../helpers/server.ts";
import { tempDir } from "../helpers/tmp.ts";
import { carnet } from "./cli.ts";

const enc = (s: string) => new TextEncoder().encode(s);

/** A valid empty instance archive, changed by `edit`. */
function archive(edit: (files: Record<string, Uint8Array>, manifest: Record<string, unknown>) => void): Uint8Array {
  const files: Record<string, Uint8Array> = Object.fromEntries(INSTANCE_COLLECTIONS.map((c) => [`data/${c}.ndjson`, enc("")]));
  const manifest: Record<string, unknown> = {
    format: "carnet-archive",
    version: 1,
    kind: "instance",
    schemaVersion: 0,
    exportedAt: new Date().toISOString(),
    counts: Object.fromEntries(INSTANCE_COLLECTIONS.map((c) => [c, 0])),
    media: [],
  };
  edit(files, manifest);
  files["manifest.json"] ??= enc(JSON.stringify(manifest));
  return zipSync(files);
}

describe("carnet import of bad archives", () => {
  const dataDir = tempDir();
  const dir = tempDir("carnet-bad-");
  let schemaVersion = 0;
  before(async () => {
    const server = await startTestServer({ dataDir });
    schemaVersion = await server.ctx.store.schemaVersion();
    await server.close();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const user = `${JSON.stringify({ _id: "u1", email: "a@example.org", name: "A", passwordHash: null, createdAt: { $date: "2024-01-01T00:00:00.000Z" } })}\n`;
  const cases: [string, RegExp, (files: Record<string, Uint8Array>, manifest: Record<string, unknown>) => void][] = [
    ["a path going up", /nom de fichier interdit « \.\.\/\.\.\/etc\/passwd »/, (f) => {
      f["../../etc/passwd"] = enc("x");
    }],
    ["an absolute path", /nom de fichier interdit/, (f) => {
      f["/tmp/evil.sh"] = enc("x");
    }],
    ["an image above 10 MB", /media\/big\.png » dépasse la taille permise/, (f, m) => {
      f["media/big.png"] = new Uint8Array(11 * 1024 * 1024);
      m.media = ["big.png"];
    }],
    ["a line that is not JSON", /users\.ndjson, ligne 1/, (f, m) => {
      f["data/users.ndjson"] = enc("{not json\n");
      (m.counts as Record<string, number>).users = 1;
    }],
    ["an operator key", /clé interdite « \$where »/, (f, m) => {
      f["data/users.ndjson"] = enc(`${JSON.stringify({ _id: "u1", email: { $where: "1" } })}\n`);
      (m.counts as Record<string, number>).users = 1;
    }],
    ["fewer documents than announced", /n'a pas le nombre de documents annoncé/, (f, m) => {
      f["data/users.ndjson"] = enc(user);
      (m.counts as Record<string, number>).users = 2;
    }],
    ["a missing collection", /data\/comments\.ndjson manque/, (f) => void delete f["data/comments.ndjson"]],
    ["an unknown collection", /data\/sessions\.ndjson n'est pas une collection/, (f) => {
      f["data/sessions.ndjson"] = enc("");
    }],
    ["a programme archive", /archive d'un programme/, (_f, m) => {
      m.kind = "programme";
    }],
    ["another format", /pas une archive Carnet/, (f) => {
      f["manifest.json"] = enc(JSON.stringify({ format: "other" }));
    }],
    ["an announced image that is missing", /l'image « a\.png » annoncée manque/, (_f, m) => {
      m.media = ["a.png"];
    }],
  ];

  for (const [what, message, edit] of cases) {
    it(`refuses ${what} and writes nothing`, async () => {
      const file = path.join(dir, "bad.zip");
      fs.writeFileSync(file, archive((f, m) => {
        m.schemaVersion = schemaVersion;
        // A valid territory beside the fault: were the archive restored in part, the last test would find the store not empty.
        f["data/territories.ndjson"] = enc(`${JSON.stringify({ _id: "t1", name: "T", kind: "autre" })}\n`);
        (m.counts as Record<string, number>).territories = 1;
        edit(f, m);
      }));
      const run = await carnet(dataDir, ["import", "--in", file]);
      assert.equal(run.code, 1, run.stdout);
      assert.match(run.stderr, message);
      assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
    });
  }

  it("refuses a truncated archive", async () => {
    const whole = archive((_f, m) => {
      m.schemaVersion = schemaVersion;
    });
    const file = path.join(dir, "truncated.zip");
    fs.writeFileSync(file, whole.subarray(0, Math.floor(whole.length / 2)));
    const run = await carnet(dataDir, ["import", "--in", file]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /Archive refusée : ce n'est pas un fichier zip complet/);
  });

  it("restores a good one after all those refusals: nothing had been written", async () => {
    const file = path.join(dir, "good.zip");
    fs.writeFileSync(file, archive((f, m) => {
      m.schemaVersion = schemaVersion;
      f["data/territories.ndjson"] = enc(`${JSON.stringify({ _id: "t1", name: "T", kind: "autre", createdAt: { $date: "2024-01-01T00:00:00.000Z" } })}\n`);
      (m.counts as Record<string, number>).territories = 1;
    }));
    const run = await carnet(dataDir, ["import", "--in", file]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /territories 1/);
  });
});
