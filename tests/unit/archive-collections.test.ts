// Every collection of the store is either in the instance backup or deliberately left out of it: a new one must be classified.
import assert from "node:assert/strict";
import { test } from "node:test";
import { INSTANCE_COLLECTIONS, LEFT_OUT_COLLECTIONS } from "../../server/archive/format.ts";
import { collections } from "../../server/store/schema.ts";

test("the archive format classifies every collection of the store, once", () => {
  const classified = [...INSTANCE_COLLECTIONS, ...LEFT_OUT_COLLECTIONS];
  assert.equal(new Set(classified).size, classified.length, "a collection is listed twice");
  assert.deepEqual([...classified].sort(), collections.map((c) => c.name).sort());
});
