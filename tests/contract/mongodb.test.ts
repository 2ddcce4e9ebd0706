// Runs the storage contract on MongoDB when MONGODB_URL is set; says so plainly when it is not.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MongoClient } from "mongodb";
import { openStore } from "../../server/store/open.ts";
import type { Migration } from "../../server/store/types.ts";
import { contractCollections, storeContract } from "./suite.ts";

const url = process.env.MONGODB_URL;
if (url) {
  const dbUrl = new URL(url);
  dbUrl.pathname = `/carnet_contract_${process.pid}_${Date.now()}`;
  const v1: Migration[] = [{ version: 1, description: "one", up: async () => {} }];
  storeContract("mongodb", {
    open: (migrations = v1) => openStore({ dataDir: "", mongodbUrl: dbUrl.toString(), collections: contractCollections, migrations }),
    cleanup: async () => {
      const client = await MongoClient.connect(dbUrl.toString());
      await client.db().dropDatabase();
      await client.close();
    },
  });
  describe("storage: indexes only MongoDB keeps", () => {
    it("creates doc_updates' room index (several rooms' logs at once), which the embedded engine leaves out", async () => {
      const store = await openStore({ dataDir: "", mongodbUrl: dbUrl.toString() });
      const client = await MongoClient.connect(dbUrl.toString());
      try {
        const names = (await client.db().collection("doc_updates").indexes()).map((index) => index.name);
        assert.ok(names.includes("doc_updates_room"), names.join(", "));
      } finally {
        await store.close();
        await client.db().dropDatabase();
        await client.close();
      }
    });
  });
} else {
  process.stdout.write("MongoDB contract suite: SKIPPED (no MONGODB_URL)\n");
  describe("storage contract: mongodb", () => {
    it("MongoDB contract suite: SKIPPED (no MONGODB_URL)", { skip: "no MONGODB_URL" }, () => {});
  });
}
