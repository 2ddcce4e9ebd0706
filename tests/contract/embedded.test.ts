// Runs the storage contract on the embedded engine, including a restart in a separate process.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { openStore } from "../../server/store/open.ts";
import type { Migration } from "../../server/store/types.ts";
import { tempDir } from "../helpers/tmp.ts";
import { contractCollections, storeContract } from "./suite.ts";

const dir = tempDir();
const v1: Migration[] = [{ version: 1, description: "one", up: async () => {} }];

storeContract("embedded", {
  open: (migrations = v1) => openStore({ dataDir: dir, collections: contractCollections, migrations }),
  cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
});

describe("embedded engine: one process at a time", () => {
  it("refuses a second opener with a clear message while the first holds the folder", async () => {
    const d = tempDir();
    const first = await openStore({ dataDir: d, collections: contractCollections, migrations: v1 });
    await assert.rejects(openStore({ dataDir: d, collections: contractCollections, migrations: v1 }), /déjà utilisé/);
    await first.close();
    const again = await openStore({ dataDir: d, collections: contractCollections, migrations: v1 });
    await again.close();
  });

  it("appends lines that load back as inserted: dates, binary values, nested ones, arrays", async () => {
    const d = tempDir();
    const copy = tempDir();
    const first = await openStore({ dataDir: d, collections: contractCollections, migrations: v1 });
    type Blob = { _id: string; at: Date; data: Uint8Array; nested: { parts: Uint8Array[]; when: Date[]; n: number | null } };
    const blob: Blob = {
      _id: "lean",
      at: new Date("2024-03-01T10:20:30.456Z"),
      data: new Uint8Array([0, 1, 254, 255]),
      nested: { parts: [new Uint8Array([7]), new Uint8Array(0)], when: [new Date(0)], n: null },
    };
    await first.collection<Blob>("blobs").insertOne(blob);
    // Read from a copy of the datafile as written, before a close folds it into NeDB's own rewrite.
    fs.mkdirSync(path.join(copy, "db"), { recursive: true });
    fs.copyFileSync(path.join(d, "db", "blobs.db"), path.join(copy, "db", "blobs.db"));
    await first.close();
    const second = await openStore({ dataDir: copy, collections: contractCollections, migrations: v1 });
    assert.deepEqual(await second.collection<Blob>("blobs").findOne({ _id: "lean" }), blob);
    await second.close();
  });

  it("keeps what another process wrote before it was killed, and takes over its stale lock", async () => {
    const d = tempDir();
    const script = path.join(import.meta.dirname, "fixtures", "write-and-die.ts");
    try {
      execFileSync(process.execPath, ["--import", "tsx", script, d], { stdio: "pipe" });
    } catch (error) {
      assert.equal((error as { signal?: string }).signal, "SIGKILL");
    }
    assert.ok(fs.existsSync(path.join(d, "carnet.lock")), "the killed process left its lock behind");
    const store = await openStore({ dataDir: d, collections: contractCollections, migrations: v1 });
    const thing = await store.collection<{ _id: string; n: number }>("things").findOne({ _id: "before-kill" });
    assert.equal(thing?.n, 7);
    await store.close();
  });
});
