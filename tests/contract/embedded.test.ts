// Runs the storage contract on the embedded engine, including a restart in a separate process.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { DuplicateKeyError } from "../../server/errors.ts";
import { openStore } from "../../server/store/open.ts";
import type { Migration, Store } from "../../server/store/types.ts";
import { tempDir } from "../helpers/tmp.ts";
import { contractCollections, storeContract } from "./suite.ts";

const dir = tempDir();
const v1: Migration[] = [{ version: 1, description: "one", up: async () => {} }];

storeContract("embedded", {
  open: (migrations = v1) => openStore({ dataDir: dir, collections: contractCollections, migrations }),
  cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
});

describe("embedded engine: indexes follow the schema", () => {
  it("drops an index the schema no longer lists from a data folder that has it", async () => {
    const d = tempDir();
    const things = (store: Store) => store.collection<{ _id: string; code: string }>("things");
    const withIndex = await openStore({ dataDir: d, collections: contractCollections, migrations: v1 });
    await things(withIndex).insertOne({ _id: "a", code: "same" });
    await assert.rejects(things(withIndex).insertOne({ _id: "b", code: "same" }), DuplicateKeyError);
    await withIndex.close();
    const unlisted = contractCollections.map((spec) => (spec.name === "things" ? { ...spec, indexes: [] } : spec));
    for (let open = 0; open < 2; open++) {
      const store = await openStore({ dataDir: d, collections: unlisted, migrations: v1 });
      try {
        await things(store).insertOne({ _id: `b${open}`, code: "same" });
        assert.equal(await things(store).count({ code: "same" }), open + 2);
      } finally {
        await store.close();
      }
    }
  });
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
