// With the MongoDB engine, collaborative updates are written with a journaled write concern (j: true).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Collection, MongoClient } from "mongodb";
import { docsRepository } from "../../server/repositories/docs.ts";
import { openStore } from "../../server/store/open.ts";

const url = process.env.MONGODB_URL;

describe("storage: journaled document updates on mongodb", () => {
  if (!url) {
    process.stdout.write("Journaled write concern: SKIPPED (no MONGODB_URL)\n");
    it("journaled write concern: SKIPPED (no MONGODB_URL)", { skip: "no MONGODB_URL" }, () => {});
    return;
  }

  it("appends each update with j: true, and the server accepts it", async () => {
    const dbUrl = new URL(url);
    dbUrl.pathname = `/carnet_journal_${process.pid}_${Date.now()}`;
    const seen: unknown[] = [];
    const insertOne = Collection.prototype.insertOne;
    // The driver resolves the concern per collection; what it sends is what the collection holds.
    Collection.prototype.insertOne = function (this: Collection, ...args: Parameters<Collection["insertOne"]>) {
      if (this.collectionName === "doc_updates") seen.push(args[1]?.writeConcern ?? this.writeConcern);
      return insertOne.apply(this, args);
    } as Collection["insertOne"];
    const store = await openStore({ dataDir: "", mongodbUrl: dbUrl.toString() });
    try {
      const seq = await docsRepository(store).append("episode-journal", new Uint8Array([0, 0]));
      assert.equal(seq, 1);
      assert.equal(seen.length, 1);
      assert.equal((seen[0] as { journal?: boolean; j?: boolean }).journal ?? (seen[0] as { j?: boolean }).j, true);
    } finally {
      Collection.prototype.insertOne = insertOne;
      await store.close();
      const client = await MongoClient.connect(dbUrl.toString());
      await client.db().dropDatabase();
      await client.close();
    }
  });
});
