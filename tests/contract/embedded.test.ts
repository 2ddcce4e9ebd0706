// Runs the storage contract on the embedded engine, including a restart in a separate process.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import * as Y from "yjs";
import { DuplicateKeyError } from "../../server/errors.ts";
import { docsRepository } from "../../server/repositories/docs.ts";
import { openStore } from "../../server/store/open.ts";
import { collections } from "../../server/store/schema.ts";
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

describe("embedded engine: a data folder from before the log lost its room index", () => {
  it("opens, drops doc_updates' room index, and reads, compacts and extends its rooms' logs", async () => {
    const d = tempDir();
    const file = path.join(d, "db", "doc_updates.db");
    const old = collections.map((spec) => (spec.name === "doc_updates" ? { ...spec, indexes: [{ name: "doc_updates_room", fields: ["room"] }] } : spec));
    const doc = new Y.Doc();
    const typed = (text: string) => {
      const before = Y.encodeStateVector(doc);
      doc.getText("t").insert(doc.getText("t").length, text);
      return Y.encodeStateAsUpdate(doc, before);
    };
    const before = await openStore({ dataDir: d, collections: old });
    for (let i = 1; i <= 5; i++) await docsRepository(before).append(i % 2 ? "room" : "room:2", typed(`${i},`), Math.ceil(i / 2));
    await before.close();
    assert.match(fs.readFileSync(file, "utf8"), /"fieldName":"room"/);
    const store = await openStore({ dataDir: d });
    try {
      const docs = docsRepository(store);
      assert.deepEqual(await docs.lastSeqs(["room", "room:2"]), new Map([["room", 3], ["room:2", 2]]));
      assert.equal(await docs.compact("room", (await docs.load("room")).update, 3), true);
      assert.equal(await docs.append("room", typed("6,")), 4);
      assert.deepEqual([(await docs.size("room")).updates, (await docs.size("room:2")).updates], [1, 2]);
      const text = (update: Uint8Array) => {
        const shown = new Y.Doc();
        Y.applyUpdate(shown, update);
        return shown.getText("t").toString();
      };
      assert.equal(text(Y.mergeUpdates([(await docs.load("room")).update, (await docs.load("room:2")).update])), "1,2,3,4,5,6,");
    } finally {
      await store.close();
    }
    assert.doesNotMatch(fs.readFileSync(file, "utf8"), /"fieldName":"room"/);
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
