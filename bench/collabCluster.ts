// `bench:collab -- --cluster`: the writer on one instance and the observers on another, through Redis, against one instance.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createClient } from "redis";
import { replay } from "./collabReplay.ts";
import { type Edit, quantile, start, stop } from "./lib.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const HOP_MESSAGES = 2_000;

type Latency = Awaited<ReturnType<typeof replay>>["latency"];
const median = (xs: number[]) => quantile([...xs].sort((a, b) => a - b), 0.5);

/** One run, both on the MongoDB engine: on one instance, or with a second instance (linked through Redis) serving the observers. */
async function run(script: string, edits: Edit[], mode: "one" | "two", redisUrl: string): Promise<Latency> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "carnet-bench-"));
  if (mode === "two") process.env.BENCH_REDIS_URL = redisUrl;
  else delete process.env.BENCH_REDIS_URL;
  try {
    const writer = await start(script, ["serve-ours", dataDir]);
    // A second instance on the same data: it finds the seeded programme and serves the same room.
    const peer = mode === "two" ? await start(script, ["serve-ours", dataDir]) : null;
    const result = await replay(writer.served, edits, peer?.served.url);
    if (peer) await stop(peer.child);
    await stop(writer.child);
    if (!result.converged) throw new Error(`${mode}: observers did not converge`);
    return result.latency;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The extra hop alone: a message of the trace's usual size published on one connection until another's subscriber has it. */
async function redisHop(redisUrl: string): Promise<{ medianMs: number; p99Ms: number }> {
  const publisher = createClient({ url: redisUrl });
  const subscriber = publisher.duplicate();
  await Promise.all([publisher.connect(), subscriber.connect()]);
  let received: (() => void) | null = null;
  await subscriber.subscribe("carnet:bench-hop", () => received?.(), true);
  const payload = Buffer.alloc(64, 1);
  const times: number[] = [];
  for (let i = 0; i < HOP_MESSAGES; i++) {
    const t0 = process.hrtime.bigint();
    await new Promise<void>((resolve) => {
      received = resolve;
      void publisher.publish("carnet:bench-hop", payload);
    });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  await Promise.all([subscriber.close(), publisher.close()]);
  times.sort((a, b) => a - b);
  return { medianMs: quantile(times, 0.5), p99Ms: quantile(times, 0.99) };
}

/** Alternating rounds (the machine is shared and noisy): each round's ratio, and the median of them. */
export async function cluster(script: string, edits: Edit[]): Promise<void> {
  const redisUrl = process.env.REDIS_URL;
  if (!process.env.MONGODB_URL || !redisUrl) throw new Error("--cluster needs MONGODB_URL and REDIS_URL (eval \"$(node scripts/services.mjs start)\")");
  const rounds: { one: Latency; two: Latency; ratio: { median: number; p99: number } }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const runs: Partial<Record<"one" | "two", Latency>> = {};
    for (const mode of r % 2 === 0 ? (["one", "two"] as const) : (["two", "one"] as const)) {
      runs[mode] = await run(script, edits, mode, redisUrl);
      process.stdout.write(`round ${r + 1}, ${mode === "one" ? "one instance" : "two instances"}: median ${runs[mode].medianMs.toFixed(3)} ms, p99 ${runs[mode].p99Ms.toFixed(3)} ms\n`);
    }
    const { one, two } = runs as Record<"one" | "two", Latency>;
    rounds.push({ one, two, ratio: { median: two.medianMs / one.medianMs, p99: two.p99Ms / one.p99Ms } });
  }
  const hop = await redisHop(redisUrl);
  const ratio = { median: median(rounds.map((r) => r.ratio.median)), p99: median(rounds.map((r) => r.ratio.p99)) };
  const oneMedian = median(rounds.map((r) => r.one.medianMs));
  const twoMedian = median(rounds.map((r) => r.two.medianMs));
  const result = {
    edits: edits.length,
    rounds,
    medians: {
      oneInstance: { medianMs: oneMedian, p99Ms: median(rounds.map((r) => r.one.p99Ms)) },
      twoInstances: { medianMs: twoMedian, p99Ms: median(rounds.map((r) => r.two.p99Ms)) },
    },
    ratio,
    // What the second instance adds, and how much of it one Redis publish → subscriber delivery is on this machine.
    extra: { medianMs: twoMedian - oneMedian, redisHop: hop },
    targets: { median: 1.5, p99: 2.0 },
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg() },
    at: new Date().toISOString(),
  };
  fs.mkdirSync(path.join(here, "results"), { recursive: true });
  fs.writeFileSync(path.join(here, "results", "collab-cluster.json"), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n${ratio.median <= 1.5 && ratio.p99 <= 2.0 ? "Targets met." : "Targets NOT met."}\n`);
}
