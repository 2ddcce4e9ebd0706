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
