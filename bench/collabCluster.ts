// `bench:collab -- --cluster`: the writer on one instance and the observers on another, through Redis, against one instance.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createClient } from "redis";
import { median, OBSERVERS, open, type Peer, replay, spread } from "./collabReplay.ts";
import { updateMessage } from "../collab/wire.ts";
import { applyEdit, type Edit, quantile, start, stop } from "./lib.ts";
import { bodyText } from "./traceBody.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const HOP_MESSAGES = 2_000;

type Latency = Awaited<ReturnType<typeof replay>>["latency"];

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

/** Resolves with the time since `t0` once every observer of `group` has received one more update than now. */
function arrival(group: Peer[], t0: () => bigint): Promise<number> {
  const target = group.map((o) => o.updates + 1);
  return new Promise((resolve) => {
    const check = () => {
      if (!group.every((o, k) => o.updates >= target[k]!)) return;
      for (const o of group) o.onUpdate = null;
      resolve(Number(process.hrtime.bigint() - t0()) / 1e6);
    };
    for (const o of group) o.onUpdate = check;
  });
}

/**
 * One run, two instances: each edit goes at the same moment to observers on the writer's instance and on the other
 * one, so the shared machine's noise hits both alike and their ratio is what the cross-instance path adds.
 */
async function paired(script: string, edits: Edit[], redisUrl: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "carnet-bench-"));
  process.env.BENCH_REDIS_URL = redisUrl;
  try {
    const writer = await start(script, ["serve-ours", dataDir]);
    const other = await start(script, ["serve-ours", dataDir]);
    const sender = await open(writer.served);
    const near = await Promise.all(Array.from({ length: OBSERVERS }, () => open(writer.served)));
    const far = await Promise.all(Array.from({ length: OBSERVERS }, () => open({ ...writer.served, url: other.served.url })));
    const nearMs: number[] = [];
    const farMs: number[] = [];
    for (const edit of edits) {
      const update = applyEdit(sender.doc, edit);
      let t0 = 0n;
      const arrived = Promise.all([arrival(near, () => t0), arrival(far, () => t0)]);
      t0 = process.hrtime.bigint();
      sender.ws.send(updateMessage(update));
      const [n, f] = await arrived;
      nearMs.push(n);
      farMs.push(f);
    }
    const final = bodyText(sender.doc).toString();
    const converged = [...near, ...far].every((o) => bodyText(o.doc).toString() === final);
    for (const p of [sender, ...near, ...far]) p.ws.close();
    await stop(other.child);
    await stop(writer.child);
    if (!converged) throw new Error("paired: observers did not converge");
    const oneInstance = spread(nearMs);
    const twoInstances = spread(farMs);
    return { oneInstance, twoInstances, ratio: { median: twoInstances.medianMs / oneInstance.medianMs, p99: twoInstances.p99Ms / oneInstance.p99Ms } };
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
  const same = await paired(script, edits, redisUrl);
  process.stdout.write(`paired run: writer's instance median ${same.oneInstance.medianMs.toFixed(3)} ms, other instance ${same.twoInstances.medianMs.toFixed(3)} ms (×${same.ratio.median.toFixed(2)}), p99 ×${same.ratio.p99.toFixed(2)}\n`);
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
    // The steadier figure: both sides measured on the same edits of one run (see paired).
    paired: same,
    // What the second instance adds, and how much of it one Redis publish → subscriber delivery is on this machine.
    extra: { medianMs: twoMedian - oneMedian, redisHop: hop },
    targets: { median: 1.5, p99: 2.0 },
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg() },
    at: new Date().toISOString(),
  };
  fs.mkdirSync(path.join(here, "results"), { recursive: true });
  fs.writeFileSync(path.join(here, "results", "collab-cluster.json"), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n${same.ratio.median <= 1.5 && same.ratio.p99 <= 2.0 ? "Targets met (paired run)." : "Targets NOT met (paired run)."}\n`);
}
