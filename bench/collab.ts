// Replays a real editing trace through the collaboration server and through a bare in-memory relay, and compares.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import * as Y from "yjs";
import { readSync, SyncType, syncStep1, updateMessage } from "../collab/wire.ts";
import { applyEdit, type Edit, loadTrace, ORIGIN, quantile, type Served, serveCarnet, serveRelay, start, stop } from "./lib.ts";
import { bodyText } from "./traceBody.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const OBSERVERS = 9;
const LATENCY_PREFIX = Number(process.env.BENCH_LATENCY_EDITS ?? 20_000);
const CHUNK = 500;
const script = fileURLToPath(import.meta.url);

type Peer = { ws: WebSocket; doc: Y.Doc; updates: number; onUpdate: (() => void) | null };

function open(served: Served): Promise<Peer> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${served.url.replace(/^http/, "ws")}/collab/${served.room}`, {
      headers: { Origin: ORIGIN, ...(served.cookie ? { Cookie: served.cookie } : {}) },
      perMessageDeflate: false,
    });
    const peer: Peer = { ws, doc: new Y.Doc(), updates: 0, onUpdate: null };
    ws.on("error", reject);
    ws.on("open", () => ws.send(syncStep1(peer.doc)));
    ws.on("message", (data: Buffer) => {
      const sync = readSync(new Uint8Array(data));
      if (!sync || sync.kind === SyncType.step1) return;
      Y.applyUpdate(peer.doc, sync.payload);
      if (sync.kind === SyncType.step2) resolve(peer);
      else {
        peer.updates++;
        peer.onUpdate?.();
      }
    });
  });
}

/** The sender writes on `served`; the observers read there too, or on another instance (`observedAt`). */
async function replay(served: Served, edits: Edit[], observedAt = served.url) {
  const sender = await open(served);
  const observers = await Promise.all(Array.from({ length: OBSERVERS }, () => open({ ...served, url: observedAt })));
  // Latency: one edit at a time, timed until the last observer has it.
  const latencies: number[] = [];
  const prefix = Math.min(LATENCY_PREFIX, edits.length);
  for (let i = 0; i < prefix; i++) {
    const target = observers.map((o) => o.updates + 1);
    const update = applyEdit(sender.doc, edits[i]!);
    const t0 = process.hrtime.bigint();
    await new Promise<void>((resolve) => {
      const check = () => {
        if (observers.every((o, k) => o.updates >= target[k]!)) {
          for (const o of observers) o.onUpdate = null;
          resolve();
        }
      };
      for (const o of observers) o.onUpdate = check;
      sender.ws.send(updateMessage(update));
    });
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  // Throughput: the rest of the trace, one message per edit, in chunks that every observer must catch up with.
  const t1 = performance.now();
  const senderText = bodyText(sender.doc);
  for (let i = prefix; i < edits.length; i += CHUNK) {
    for (const edit of edits.slice(i, i + CHUNK)) sender.ws.send(updateMessage(applyEdit(sender.doc, edit)));
    const sv = Buffer.from(Y.encodeStateVector(sender.doc));
    const length = senderText.length;
    await new Promise<void>((resolve) => {
      let waiting = observers.length;
      for (const o of observers) {
        const text = bodyText(o.doc);
        // Cheap test first: the state vector only once the length matches.
        const caughtUp = () => text.length === length && sv.equals(Y.encodeStateVector(o.doc));
        const done = () => {
          o.onUpdate = null;
          if (--waiting === 0) resolve();
        };
        if (caughtUp()) done();
        else
          o.onUpdate = () => {
            if (caughtUp()) done();
          };
      }
    });
  }
  const seconds = (performance.now() - t1) / 1000;
  const final = senderText.toString();
  const converged = observers.every((o) => bodyText(o.doc).toString() === final);
  const encodedBytes = Y.encodeStateAsUpdate(sender.doc).byteLength;
  for (const p of [sender, ...observers]) p.ws.close();
  await new Promise((r) => setTimeout(r, 200));
  latencies.sort((a, b) => a - b);
  return {
    latency: { latencyEdits: latencies.length, medianMs: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99) },
    throughput: { throughputEdits: edits.length - prefix, editsPerSecond: Math.round((edits.length - prefix) / seconds) },
    final,
    converged,
    encodedBytes,
  };
}


async function main(): Promise<void> {
  const trace = loadTrace();
  const limit = Number(process.env.BENCH_EDITS ?? trace.edits.length);
  const edits = trace.edits.slice(0, limit);
  process.stdout.write(`Trace: ${edits.length} edits; latency on the first ${Math.min(LATENCY_PREFIX, edits.length)}, one at a time, ${OBSERVERS} observers.\n`);

  const relay = await start(script, ["serve-relay"]);
  const baseline = await replay(relay.served, edits);
  await stop(relay.child);
  process.stdout.write(`baseline relay: median ${baseline.latency.medianMs.toFixed(3)} ms, p99 ${baseline.latency.p99Ms.toFixed(3)} ms, ${baseline.throughput.editsPerSecond} edits/s\n`);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "carnet-bench-"));
  const server = await start(script, ["serve-ours", dataDir]);
  const ours = await replay(server.served, edits);
  await stop(server.child);
  process.stdout.write(`carnet: median ${ours.latency.medianMs.toFixed(3)} ms, p99 ${ours.latency.p99Ms.toFixed(3)} ms, ${ours.throughput.editsPerSecond} edits/s\n`);

  // Cold load: a fresh process opens the store and reads the finished document.
  const { openStore } = await import("../server/store/open.ts");
  const { docsRepository } = await import("../server/repositories/docs.ts");
  const t0 = performance.now();
  const store = await openStore({ dataDir });
  const opened = performance.now();
  const docs = docsRepository(store);
  const loaded = new Y.Doc();
  Y.applyUpdate(loaded, (await docs.load(server.served.room)).update);
  const coldLoadMs = performance.now() - opened;
  const storeOpenMs = opened - t0;
  const size = await docs.size(server.served.room);
  const reloadedText = bodyText(loaded).toString();
  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });

  const storedBytes = size.snapshotBytes + size.updateBytes;
  const result = {
    trace: { edits: edits.length, latencyPrefix: ours.latency.latencyEdits, observers: OBSERVERS },
    baseline: { ...baseline.latency, ...baseline.throughput },
    carnet: { ...ours.latency, ...ours.throughput },
    ratio: {
      median: ours.latency.medianMs / baseline.latency.medianMs,
      p99: ours.latency.p99Ms / baseline.latency.p99Ms,
    },
    storage: {
      storedBytes,
      snapshotBytes: size.snapshotBytes,
      logEntries: size.updates,
      encodedStateBytes: ours.encodedBytes,
      ratio: storedBytes / ours.encodedBytes,
    },
    coldLoad: { storeOpenMs, loadMs: coldLoadMs },
    correct: {
      observersConverged: ours.converged && baseline.converged,
      reloadedEqualsTrace: limit === trace.edits.length ? reloadedText === trace.finalText : reloadedText === ours.final,
    },
    targets: { medianRatio: 1.5, p99Ratio: 2.0, storedRatio: 1.2 },
    machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg() },
    at: new Date().toISOString(),
  };
  fs.mkdirSync(path.join(here, "results"), { recursive: true });
  fs.writeFileSync(path.join(here, "results", "collab.json"), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  const pass =
    result.ratio.median <= 1.5 && result.ratio.p99 <= 2.0 && result.storage.ratio <= 1.2 && result.correct.reloadedEqualsTrace;
  process.stdout.write(pass ? "Targets met.\n" : "Targets NOT met.\n");
}

/**
 * The writer on one instance and the observers on another, through Redis, against the same run on one instance,
 * both on the MongoDB engine (MONGODB_URL and REDIS_URL from `node scripts/services.mjs start`).
 */
async function cluster(edits: Edit[]): Promise<void> {
  const redisUrl = process.env.REDIS_URL;
  if (!process.env.MONGODB_URL || !redisUrl) throw new Error("--cluster needs MONGODB_URL and REDIS_URL (eval \"$(node scripts/services.mjs start)\")");
  const runs: Record<string, Awaited<ReturnType<typeof replay>>["latency"]> = {};
  for (const mode of ["one", "two"] as const) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "carnet-bench-"));
    if (mode === "two") process.env.BENCH_REDIS_URL = redisUrl;
    const writer = await start(script, ["serve-ours", dataDir]);
    // A second instance on the same data: it finds the seeded programme and serves the same room.
    const peer = mode === "two" ? await start(script, ["serve-ours", dataDir]) : null;
    const run = await replay(writer.served, edits, peer?.served.url);
    if (peer) await stop(peer.child);
    await stop(writer.child);
    fs.rmSync(dataDir, { recursive: true, force: true });
    runs[mode] = run.latency;
    process.stdout.write(`${mode === "one" ? "one instance" : "two instances"}: median ${run.latency.medianMs.toFixed(3)} ms, p99 ${run.latency.p99Ms.toFixed(3)} ms, converged ${run.converged}\n`);
  }
  const ratio = { median: runs.two!.medianMs / runs.one!.medianMs, p99: runs.two!.p99Ms / runs.one!.p99Ms };
  const result = {
    edits: edits.length,
    observers: OBSERVERS,
    oneInstance: runs.one,
    twoInstances: runs.two,
    ratio,
    targets: { median: 1.5, p99: 2.0 },
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg() },
    at: new Date().toISOString(),
  };
  fs.mkdirSync(path.join(here, "results"), { recursive: true });
  fs.writeFileSync(path.join(here, "results", "collab-cluster.json"), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n${ratio.median <= 1.5 && ratio.p99 <= 2.0 ? "Targets met." : "Targets NOT met."}\n`);
}

const [role, arg] = process.argv.slice(2);
if (role === "serve-ours") await serveCarnet(arg!);
else if (role === "serve-relay") await serveRelay();
else if (role === "--cluster") await cluster(loadTrace().edits.slice(0, Number(process.env.BENCH_EDITS ?? 5_000)));
else await main();
