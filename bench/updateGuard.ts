// What the socket's update guard costs per edit: the whole trace replayed as the editor holds it; writes bench/results/update-guard.json.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as Y from "yjs";
import { checkUpdate, UPDATE_LIMITS } from "../collab/server/updateGuard.ts";
import { loadTrace, quantile } from "./lib.ts";
import { applyBodyEdit, traceParagraph } from "./traceBody.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const { edits, finalText } = loadTrace();

const sender = new Y.Doc();
const updates: Uint8Array[] = [];
sender.on("update", (u: Uint8Array) => updates.push(u));
const paragraph = traceParagraph(sender);
for (const edit of edits) applyBodyEdit(paragraph, edit);

// The room as the server holds it: each update checked, then applied; the size grows by what is applied.
const room = { doc: new Y.Doc(), sizeBytes: 0 };
const check: number[] = [];
const apply: number[] = [];
let refused = 0;
for (const update of updates) {
  const t0 = process.hrtime.bigint();
  if (checkUpdate(room, update)) refused++;
  const t1 = process.hrtime.bigint();
  Y.applyUpdate(room.doc, update);
  const t2 = process.hrtime.bigint();
  room.sizeBytes += update.byteLength;
  check.push(Number(t1 - t0) / 1e6);
  apply.push(Number(t2 - t1) / 1e6);
}
const stats = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { meanMs: ms.reduce((s, x) => s + x, 0) / ms.length, medianMs: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99), maxMs: sorted.at(-1) };
};
const documentBytes = Y.encodeStateAsUpdate(room.doc).byteLength;
const result = {
  trace: { edits: edits.length, updates: updates.length, characters: finalText.length, correct: paragraph.toString().endsWith(finalText) },
  refused,
  guard: stats(check),
  applyUpdate: stats(apply),
  guardOverApply: stats(check).meanMs / stats(apply).meanMs,
  limits: UPDATE_LIMITS,
  largestDocument: { encodedBytes: documentBytes, ofLimit: documentBytes / UPDATE_LIMITS.documentBytes },
  machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg() },
  at: new Date().toISOString(),
};
fs.mkdirSync(path.join(here, "results"), { recursive: true });
fs.writeFileSync(path.join(here, "results", "update-guard.json"), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
