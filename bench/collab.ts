// Replays a real editing trace through the collaboration server and through a bare in-memory relay, and compares.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cluster } from "./collabCluster.ts";
import { engines } from "./collabEngines.ts";
import { LATENCY_PREFIX, OBSERVERS, reload, replay } from "./collabReplay.ts";
import { loadTrace, serveCarnet, serveRelay, start, stop } from "./lib.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const script = fileURLToPath(import.meta.url);

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

  const { coldLoad, size, reloadedText } = await reload(dataDir, server.served.room);
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
    coldLoad,
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

const [role, arg] = process.argv.slice(2);
if (role === "serve-ours") await serveCarnet(arg!);
else if (role === "serve-relay") await serveRelay();
else if (role === "--cluster") await cluster(script, loadTrace().edits.slice(0, Number(process.env.BENCH_EDITS ?? 5_000)));
else if (role === "--engines") await engines(script, loadTrace());
else await main();
