// Carnet's own migrations bring a data folder written by an earlier version up to date.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { migrations } from "../../server/store/migrations.ts";
import { openStore } from "../../server/store/open.ts";
import { tempDir } from "../helpers/tmp.ts";

describe("migrations", () => {
  it("v2: comments written before the audience existed become public", async () => {
    const dir = tempDir();
    const v1 = migrations.filter((m) => m.version === 1);
    let store = await openStore({ dataDir: dir, migrations: v1 });
    const before = store.collection<{ _id: string; body: string; audience?: string }>("comments");
    await before.insertOne({ _id: "old", body: "Écrit avant la v2" });
    await before.insertOne({ _id: "review", body: "Relecture", audience: "members" });
    await store.close();
    store = await openStore({ dataDir: dir });
    assert.equal(await store.schemaVersion(), Math.max(...migrations.map((m) => m.version)));
    const comments = store.collection<{ _id: string; audience?: string }>("comments");
    assert.equal((await comments.findOne({ _id: "old" }))?.audience, "public");
    assert.equal((await comments.findOne({ _id: "review" }))?.audience, "members");
    await store.close();
  });

  it("v3: programmes and episodes written before themes have none", async () => {
    const dir = tempDir();
    let store = await openStore({ dataDir: dir, migrations: migrations.filter((m) => m.version <= 2) });
    await store.collection<{ _id: string; title: string }>("programmes").insertOne({ _id: "p", title: "Avant les thèmes" });
    await store.collection<{ _id: string; themes?: string[] }>("episodes").insertOne({ _id: "tagged", themes: ["eau"] });
    await store.close();
    store = await openStore({ dataDir: dir });
    assert.deepEqual((await store.collection<{ _id: string; themes?: unknown }>("programmes").findOne({ _id: "p" }))?.themes, []);
    assert.deepEqual((await store.collection<{ _id: string; themes?: unknown }>("episodes").findOne({ _id: "tagged" }))?.themes, ["eau"]);
    await store.close();
  });
});
