// The filter judge FerretDB v1's locked writes use: MongoDB's answers for the operators the repositories use, "unknown" for the rest.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { matchFilter } from "../../server/store/matchFilter.ts";

const at = new Date("2026-01-01T00:00:00Z");
const later = new Date("2026-01-02T00:00:00Z");
const job = { _id: "j", status: "sending", leaseOwner: "a", leaseUntil: at, usedAt: null, attempts: 2, tags: ["x"], nested: { a: 1 } };

describe("matchFilter", () => {
  it("judges equality, null for missing fields, and dates by their time", () => {
    assert.equal(matchFilter(job, { status: "sending", leaseOwner: "a" }), true);
    assert.equal(matchFilter(job, { status: "pending" }), false);
    assert.equal(matchFilter(job, { usedAt: null, missing: null }), true);
    assert.equal(matchFilter(job, { leaseUntil: new Date(at.getTime()) }), true);
    assert.equal(matchFilter(job, { attempts: "2" }), false, "a number never equals a string");
  });

  it("judges comparisons within one type only, and $in, $nin, $ne, $exists", () => {
    assert.equal(matchFilter(job, { leaseUntil: { $lt: later } }), true);
    assert.equal(matchFilter(job, { leaseUntil: { $lt: at } }), false);
    assert.equal(matchFilter(job, { leaseUntil: { $lte: at }, attempts: { $gte: 2, $gt: 1 } }), true);
    assert.equal(matchFilter(job, { usedAt: { $lt: later } }), false, "null is below no date");
    assert.equal(matchFilter(job, { attempts: { $lt: "9" } }), false);
    assert.equal(matchFilter(job, { status: { $in: ["pending", "sending"] }, leaseOwner: { $nin: ["b"] } }), true);
    assert.equal(matchFilter(job, { status: { $ne: "sending" } }), false);
    assert.equal(matchFilter(job, { missing: { $exists: false }, status: { $exists: true } }), true);
  });

  it("judges $or and $and, the mail claim's filter among them", () => {
    const claim = { $or: [{ status: "sending", leaseUntil: { $lt: later } }, { status: "pending", nextAttemptAt: { $lte: later } }] };
    assert.equal(matchFilter(job, claim), true);
    assert.equal(matchFilter({ ...job, leaseUntil: later }, claim), false);
    assert.equal(matchFilter(job, { $and: [{ status: "sending" }, { attempts: 3 }] }), false);
  });

  it("leaves to the server what it does not know: arrays, dotted paths, sub-documents, other operators", () => {
    assert.equal(matchFilter(job, { tags: "x" }), undefined);
    assert.equal(matchFilter(job, { "nested.a": 1 }), undefined);
    assert.equal(matchFilter(job, { nested: { a: 1 } }), undefined);
    assert.equal(matchFilter(job, { status: { $regex: "^s" } }), undefined);
    assert.equal(matchFilter(job, { $where: "true" }), undefined);
    // Sure of a false part, it need not know the rest.
    assert.equal(matchFilter(job, { status: "pending", tags: "x" }), false);
  });
});
