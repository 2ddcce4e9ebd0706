// `bench:collab -- --engines`: one instance on the MongoDB engine (FerretDB in CI) against the embedded store, same trace, alternating runs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as Y from "yjs";
import { storeEnv } from "../tests/helpers/engine.ts";
import { median, reload, replay, spread } from "./collabReplay.ts";
import { applyEdit, type Edit, start, stop } from "./lib.ts";
import { bodyText } from "./traceBody.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
/** Store batches timed alone: single edits (as typed one at a time), then merged groups (as under load). */
const SINGLE_BATCHES = 2_000;
const GROUPED_BATCHES = 200;
const GROUP = 50;

type Engine = "embedded" | "mongodb";

/** The whole replay on one instance of `engine`, then a cold reload checked against the trace. */
async function run(script: string, engine: Engine, edits: Edit[], finalText: string, mongodbUrl: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "carnet-bench-"));
  if (engine === "mongodb") process.env.MONGODB_URL = mongodbUrl;
  else delete process.env.MONGODB_URL;
  try {
    const server = await start(script, ["serve-ours", dataDir]);
    const result = await replay(server.served, edits);
    await stop(server.child);
    const { coldLoad, reloadedText } = await reload(dataDir, server.served.room);
    return { ...result.latency, ...result.throughput, coldLoad, converged: result.converged, reloadedEqualsTrace: reloadedText === finalText };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The trace's first updates as a writer produces them. */
function traceUpdates(edits: Edit[], count: number): Uint8Array[] {
  const doc = new Y.Doc();
  return edits.slice(0, count).map((edit) => applyEdit(doc, edit));
}

/** What the room's store calls cost alone on `engine`: appends (single and grouped), the cold load's reads, a compaction. */
async function storeCalls(engine: Engine, updates: Uint8Array[], mongodbUrl: string) {
  const { openStore } = await import("../server/store/open.ts");
  const { docsRepository } = await import("../server/repositories/docs.ts");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "carnet-bench-store-"));
  if (engine === "mongodb") process.env.MONGODB_URL = mongodbUrl;
  else delete process.env.MONGODB_URL;
  const store = await openStore({ dataDir, mongodbUrl: storeEnv(dataDir).MONGODB_URL });
  try {
    const docs = docsRepository(store);
    const room = "bench-room";
    const time = async (fn: () => Promise<unknown>) => {
      const t0 = process.hrtime.bigint();
      await fn();
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    let seq = 0;
    const single: number[] = [];
    for (const update of updates.slice(0, SINGLE_BATCHES)) single.push(await time(async () => (seq = await docs.append(room, update, seq + 1))));
    const grouped: number[] = [];
    for (let i = SINGLE_BATCHES; i + GROUP <= updates.length; i += GROUP) {
      const merged = Y.mergeUpdates(updates.slice(i, i + GROUP));
      grouped.push(await time(async () => (seq = await docs.append(room, merged, seq + 1))));
    }
    let state: Uint8Array = new Uint8Array();
    const loadMs = await time(async () => (state = (await docs.load(room)).update));
    const compactMs = await time(() => docs.compact(room, state, seq));
    return { appendSingle: spread(single), appendGrouped: { ...spread(grouped), editsPerBatch: GROUP }, load: { entries: seq, ms: loadMs }, compactMs };
  } finally {
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function engines(script: string, trace: { edits: Edit[]; finalText: string }): Promise<void> {
  const mongodbUrl = process.env.MONGODB_URL;
  if (!mongodbUrl) throw new Error("--engines needs MONGODB_URL (eval \"$(node scripts/services.mjs start)\")");
  const edits = trace.edits.slice(0, Number(process.env.BENCH_EDITS ?? trace.edits.length));
  const finalText = edits.length === trace.edits.length ? trace.finalText : (() => {
    const doc = new Y.Doc();
    for (const edit of edits) applyEdit(doc, edit);
    return bodyText(doc).toString();
  })();
  const updates = traceUpdates(edits, SINGLE_BATCHES + GROUPED_BATCHES * GROUP);
  process.stdout.write(`Trace: ${edits.length} of ${trace.edits.length} edits, one instance, embedded against MongoDB engine, ${ROUNDS} alternating rounds.\n`);
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    const runs: Partial<Record<Engine, Awaited<ReturnType<typeof run>> & { store: Awaited<ReturnType<typeof storeCalls>> }>> = {};
    for (const engine of r % 2 === 0 ? (["embedded", "mongodb"] as const) : (["mongodb", "embedded"] as const)) {
      const started = performance.now();
      const replayed = await run(script, engine, edits, finalText, mongodbUrl);
      const store = await storeCalls(engine, updates, mongodbUrl);
      runs[engine] = { ...replayed, store };
      process.stdout.write(
        `round ${r + 1}, ${engine}: median ${replayed.medianMs.toFixed(3)} ms, p99 ${replayed.p99Ms.toFixed(3)} ms, ${replayed.editsPerSecond} edits/s, ` +
          `append ${store.appendSingle.medianMs.toFixed(3)} ms (single) / ${store.appendGrouped.medianMs.toFixed(3)} ms (grouped), ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
      );
    }
    const { embedded, mongodb } = runs as Required<typeof runs>;
    rounds.push({
      embedded,
      mongodb,
      ratio: { median: mongodb.medianMs / embedded.medianMs, p99: mongodb.p99Ms / embedded.p99Ms, throughput: mongodb.editsPerSecond / embedded.editsPerSecond },
    });
  }
  process.env.MONGODB_URL = mongodbUrl;
  const result = {
    trace: { edits: edits.length, of: trace.edits.length, latencyEdits: rounds[0]!.embedded.latencyEdits },
    server: mongodbUrl.replace(/\/\/[^@]*@/, "//"),
    rounds,
    ratio: {
      median: median(rounds.map((r) => r.ratio.median)),
      p99: median(rounds.map((r) => r.ratio.p99)),
      throughput: median(rounds.map((r) => r.ratio.throughput)),
    },
    correct: rounds.every((r) => r.embedded.converged && r.mongodb.converged && r.embedded.reloadedEqualsTrace && r.mongodb.reloadedEqualsTrace),
    machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg() },
    at: new Date().toISOString(),
  };
  fs.mkdirSync(path.join(here, "results"), { recursive: true });
  fs.writeFileSync(path.join(here, "results", "collab-engines.json"), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
