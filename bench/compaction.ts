// What one room's compaction costs in the store as its log grows (N entries, beside other rooms' logs); writes bench/results/compaction-<engine>.json.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as Y from "yjs";
import { docsRepository } from "../server/repositories/docs.ts";
import { openStore } from "../server/store/open.ts";
import { storeEnv } from "../tests/helpers/engine.ts";
import { median } from "./collabReplay.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
/** BENCH_TMP=/dev/shm keeps the disk's flush time out of what is measured. */
const TMP = process.env.BENCH_TMP ?? os.tmpdir();
const SIZES = [500, 5_000];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** Other rooms' logs in the same collection, as on a busy instance (the peer bench's 50 rooms). */
const OTHER_ROOMS = 49;
const OTHER_ENTRIES = 250;

/** `count` one-keystroke updates, as a writer typing produces them. */
function keystrokes(count: number): { updates: Uint8Array[]; state: Uint8Array } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const text = doc.getText("body");
  for (let i = 0; i < count; i++) text.insert(i, String.fromCharCode(97 + (i % 26)));
  return { updates, state: Y.encodeStateAsUpdate(doc) };
}

const elapsed = async (fn: () => Promise<unknown>): Promise<number> => {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
};

/** One fresh store per round: the other rooms, then the measured room's N entries, then its compaction both ways. */
async function round(entries: number, typed: ReturnType<typeof keystrokes>) {
  const dataDir = fs.mkdtempSync(path.join(TMP, "carnet-bench-compaction-"));
  const store = await openStore({ dataDir, mongodbUrl: storeEnv(dataDir).MONGODB_URL });
  try {
    const docs = docsRepository(store);
    for (let r = 0; r < OTHER_ROOMS; r++) for (let s = 1; s <= OTHER_ENTRIES; s++) await docs.append(`other-${r}`, typed.updates[s - 1]!, s);
    // Single writer: every entry up to a seq.
    for (let s = 1; s <= entries; s++) await docs.append("measured", typed.updates[s - 1]!, s);
    const upToSeq = await elapsed(() => docs.compact("measured", typed.state, entries));
    // Several writers: exactly the entries read (their ids).
    for (let s = entries + 1; s <= 2 * entries; s++) await docs.append("measured", typed.updates[s - 1]!, s);
    const { ids } = await docs.load("measured");
    const folded = await elapsed(() => docs.compact("measured", typed.state, 2 * entries, ids));
    const left = (await docs.size("measured")).updates;
    return { upToSeq, folded, left };
  } finally {
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const typed = keystrokes(2 * Math.max(...SIZES));
const engine = process.env.MONGODB_URL ? "mongodb" : "embedded";
const results = [];
for (const entries of SIZES) {
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) rounds.push(await round(entries, typed));
  const row = {
    entries,
    upToSeqMs: median(rounds.map((r) => r.upToSeq)),
    foldedIdsMs: median(rounds.map((r) => r.folded)),
    allRemoved: rounds.every((r) => r.left === 0),
  };
  process.stdout.write(`${engine}, ${entries} entries: ${row.upToSeqMs.toFixed(2)} ms (up to seq), ${row.foldedIdsMs.toFixed(2)} ms (folded ids)\n`);
  results.push(row);
}
const result = {
  engine,
  settings: { rounds: ROUNDS, otherRooms: OTHER_ROOMS, otherEntries: OTHER_ENTRIES },
  compaction: results,
  machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg(), dataOn: TMP },
  at: new Date().toISOString(),
};
const out = process.env.BENCH_OUT ?? path.join(here, "results", `compaction-${engine}.json`);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
