// One document into a NeDB datastore the short way: its queue, its indexes and its line format, without its deep copies.
import { createRequire } from "node:module";
import { appendLines } from "./appendHandles.ts";

/** What NeDB's own insert uses: the queue every operation (compactions too) runs through in turn, and the indexes. */
type Internals = { executor: { pushAsync(task: () => Promise<void>): Promise<void> }; _addToIndexes(doc: object): void };

const model = createRequire(import.meta.url)("@seald-io/nedb/lib/model.js") as { checkObject(doc: object): void };

/** NeDB's serialiser without its per-key checks (checkObject made them once): a date is stored as {$$date}. */
function dates(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  return raw instanceof Date ? { $$date: raw.getTime() } : value;
}

/**
 * Inserts `doc`, already encoded for NeDB (a copy of the caller's record that nobody else holds), and appends
 * its line to `file`. NeDB's insertAsync copies it twice and serialises it key by key: most of the time of
 * a collaborative update's durable write. Resolves once the line is written (not yet flushed).
 */
export function insertLean(ds: object, file: string, doc: Record<string, unknown>): Promise<void> {
  model.checkObject(doc);
  const nedb = ds as Internals;
  return nedb.executor.pushAsync(async () => {
    nedb._addToIndexes(doc);
    appendLines(file, `${JSON.stringify(doc, dates)}\n`);
  });
}
