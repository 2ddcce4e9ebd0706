// Carnet's collaboration server (its compiled build, as production runs it) against Hocuspocus 3.4.4 (SQLite, default debounce and 0) and an in-memory relay, same driver, same trace.
import { type ChildProcess, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as Y from "yjs";
import { MessageType, readSync, SyncType, syncStep1, syncStep2, updateMessage } from "../collab/wire.ts";
import { storeEnv } from "../tests/helpers/engine.ts";
import { spawnCompiled, stopCompiled } from "./child.ts";
import { applyEdit, type Edit, loadTrace, nodeFlags, ORIGIN, quantile, report, SESSION_SECRET, type Served, serveCarnet, serveRelay, start, stop, stopOnStdinEnd } from "./lib.ts";
import { bodyText } from "./traceBody.ts";

const script = fileURLToPath(import.meta.url);
const here = path.dirname(script);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const RATE = 200;
const STEADY_EDITS = Number(process.env.BENCH_STEADY_EDITS ?? 2_000);
const BURST_EDITS = Number(process.env.BENCH_BURST_EDITS ?? 20_000);
const KILL_RUNS = Number(process.env.BENCH_KILL_RUNS ?? 5);
/** Appends timed per round for the bare flush floor (2 s at the steady rate). */
const FLUSH_APPENDS = Number(process.env.BENCH_FLUSH_APPENDS ?? 400);
const OBSERVERS = 9;
const ROOMS = 50;
const CLIENTS_PER_ROOM = 4;
const CHUNK = 500;
/** BENCH_TMP=/dev/shm puts the servers' data on a tmpfs: the code path without the disk's flush time. */
const TMP = process.env.BENCH_TMP ?? os.tmpdir();
/** BENCH_OUT names the results file (a partial or tmpfs run must not replace the table's). */
const OUT = process.env.BENCH_OUT ?? "peer.json";

type Kind = "carnet" | "hocuspocus" | "hocuspocus-debounce0" | "relay";
const ALL: Kind[] = ["carnet", "hocuspocus", "hocuspocus-debounce0", "relay"];
/** BENCH_SERVERS=carnet,relay runs a subset while profiling; the table needs them all. */
const KINDS = ALL.filter((k) => (process.env.BENCH_SERVERS ?? ALL.join(",")).split(",").includes(k));

// ---- Child role: Hocuspocus with its SQLite extension on a local file ----

async function serveHocuspocus(dataDir: string, debounce: string): Promise<void> {
  const { Server } = await import("@hocuspocus/server");
  const { SQLite } = await import("@hocuspocus/extension-sqlite");
  const sqlite = new SQLite({ database: path.join(dataDir, "hocuspocus.sqlite") });
  const server = new Server({
    port: 0,
    address: "127.0.0.1",
    quiet: true,
    extensions: [sqlite],
    ...(debounce === "default" ? {} : { debounce: Number(debounce) }),
  });
  await server.listen();
  // The extension creates its table without waiting for it: a client too early would load from no table.
  const db = (sqlite as unknown as { db: { get(sql: string, cb: (e: unknown, row: unknown) => void): void } }).db;
  const tableReady = () =>
    new Promise<boolean>((r) => db.get("SELECT name FROM sqlite_master WHERE name = 'documents'", (e, row) => r(!e && !!row)));
  while (!(await tableReady())) await new Promise((r) => setTimeout(r, 10));
  stopOnStdinEnd(async () => {
    // A graceful stop: let the last disconnections store and unload their documents (as a rolling restart would).
    for (let i = 0; i < 500 && server.hocuspocus.getDocumentsCount() > 0; i++) await new Promise((r) => setTimeout(r, 20));
    // A document is unloaded while a store already under way still runs: give SQLite a moment to finish it.
    await new Promise((r) => setTimeout(r, 1_000));
    await server.destroy();
  });
  const rooms = Array.from({ length: ROOMS }, (_, i) => `bench-${i}`);
  report({ url: `http://127.0.0.1:${server.address.port}`, room: rooms[0]!, rooms, dataDir, pid: process.pid });
}

/** Hocuspocus's authentication message: type Auth, subtype Token, an empty token. */
/** Hocuspocus's auth message: permission "token" (0) with an empty token. */
function emptyToken(): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.auth);
  encoding.writeVarUint(e, 0);
  encoding.writeVarString(e, "");
  return encoding.toUint8Array(e);
}

// ---- The one client driver: y-websocket messages, framed with the document name for Hocuspocus ----

class Client {
  readonly doc = new Y.Doc();
  onUpdate: (() => void) | null = null;
  readonly synced: Promise<void>;
  private ws: WebSocket;

  constructor(
    private readonly kind: Kind,
    served: Served,
    private readonly room: string,
  ) {
    const base = served.url.replace(/^http/, "ws");
    const url = kind === "carnet" ? `${base}/collab/${room}` : kind === "relay" ? `${base}/${room}` : base;
    this.ws = new WebSocket(url, {
      headers: { Origin: ORIGIN, ...(served.cookie ? { Cookie: served.cookie } : {}) },
      perMessageDeflate: false,
    });
    this.synced = new Promise((resolve, reject) => {
      this.ws.on("error", reject);
      this.ws.on("open", () => {
        // Hocuspocus queues everything until the (here empty) token is presented.
        if (this.hocuspocus) this.ws.send(this.frame(emptyToken()));
        this.ws.send(this.frame(syncStep1(this.doc)));
      });
      this.ws.on("message", (data: Buffer) => {
        const sync = readSync(this.unframe(new Uint8Array(data)));
        if (!sync) return;
        // Answer the server's step 1 as y-websocket does: Carnet holds a writer's updates until that answer.
        if (sync.kind === SyncType.step1) return this.ws.send(this.frame(syncStep2(Y.encodeStateAsUpdate(this.doc, sync.payload))));
        Y.applyUpdate(this.doc, sync.payload);
        if (sync.kind === SyncType.step2) resolve();
        this.onUpdate?.();
      });
    });
  }

  private get hocuspocus(): boolean {
    return this.kind.startsWith("hocuspocus");
  }

  /** Hocuspocus multiplexes documents on one socket: each message starts with the document's name. */
  private frame(message: Uint8Array): Uint8Array {
    if (!this.hocuspocus) return message;
    const e = encoding.createEncoder();
    encoding.writeVarString(e, this.room);
    encoding.writeUint8Array(e, message);
    return encoding.toUint8Array(e);
  }

  private unframe(data: Uint8Array): Uint8Array {
    if (!this.hocuspocus) return data;
    const d = decoding.createDecoder(data);
    decoding.readVarString(d);
    return data.subarray(d.pos);
  }

  edit(edit: Edit): void {
    this.ws.send(this.frame(updateMessage(applyEdit(this.doc, edit))));
  }

  /** How far this client has seen `other`'s edits (its clock in our state vector). */
  clockOf(other: Client): number {
    return Y.getState(this.doc.store, other.doc.clientID);
  }

  close(): void {
    this.ws.terminate();
  }
}

async function connectAll(kind: Kind, served: Served, room: string, n: number): Promise<Client[]> {
  const clients = Array.from({ length: n }, () => new Client(kind, served, room));
  await Promise.all(clients.map((c) => c.synced));
  return clients;
}

/** A server under test, and how it stops gracefully. */
type Running = { child: ChildProcess; served: Served; stop: () => Promise<void> };

/**
 * Carnet as production runs it: its compiled build (`NODE_ENV=production npm start`). The bench's episodes and
 * session are seeded first by the sources (the test factories), on the same data and session secret.
 */
async function startCarnet(dataDir: string): Promise<Running> {
  const seeded = path.join(dataDir, "bench-seeded.json");
  if (!fs.existsSync(seeded)) await stop((await start(script, ["serve-carnet", dataDir, String(ROOMS)])).child);
  const env = { PUBLIC_URL: ORIGIN, SESSION_SECRET, LOG_LEVEL: "silent", COLLAB_MAX_CONNECTIONS_PER_IP: "1000", ...storeEnv(dataDir) };
  const { child, url } = await spawnCompiled(dataDir, env, nodeFlags);
  return { child, served: { ...JSON.parse(fs.readFileSync(seeded, "utf8")), url, pid: child.pid }, stop: () => stopCompiled(child) };
}

async function startServer(kind: Kind, dataDir: string): Promise<Running> {
  if (kind === "carnet") return await startCarnet(dataDir);
  const args = kind === "relay" ? ["serve-relay"] : ["serve-hocuspocus", dataDir, kind === "hocuspocus" ? "default" : "0"];
  const { child, served } = await start(script, args);
  return { child, served, stop: () => stop(child) };
}

const rssMiB = (pid: number): number =>
  Number(fs.readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/)?.[1] ?? 0) / 1024;

/** Waits until every observer has seen the writer's edits up to `clock`. */
function caughtUp(observers: Client[], writer: Client, clock: number): Promise<void> {
  return new Promise((resolve) => {
    let waiting = observers.length;
    for (const o of observers) {
      const check = () => {
        if (o.clockOf(writer) < clock) return false;
        o.onUpdate = null;
        if (--waiting === 0) resolve();
        return true;
      };
      if (!check()) o.onUpdate = check;
    }
  });
}

/** Steady rate (200 edits/s, one writer, nine observers: latency until all nine have an edit), then a burst, then a cold load. */
async function latencyAndBurst(kind: Kind, edits: Edit[]) {
  const dataDir = fs.mkdtempSync(path.join(TMP, `peer-${kind}-`));
  let server = await startServer(kind, dataDir);
  const [writer, ...observers] = await connectAll(kind, server.served, server.served.room, OBSERVERS + 1);
  const steady = edits.slice(0, STEADY_EDITS);
  const clocks: number[] = [];
  const sentAt: number[] = [];
  const seenAt: number[] = [];
  let next = 0;
  const onSeen = () => {
    const least = Math.min(...observers.map((o) => o.clockOf(writer!)));
    while (next < clocks.length && clocks[next]! <= least) seenAt[next++] = performance.now();
  };
  for (const o of observers) o.onUpdate = onSeen;
  const t0 = performance.now();
  for (let i = 0; i < steady.length; i++) {
    const due = t0 + (i * 1000) / RATE;
    while (performance.now() < due) await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now() - 1)));
    sentAt[i] = performance.now();
    writer!.edit(steady[i]!);
    clocks[i] = writer!.clockOf(writer!);
  }
  await caughtUp(observers, writer!, clocks.at(-1)!);
  onSeen();
  const latencies = sentAt.map((t, i) => seenAt[i]! - t).sort((a, b) => a - b);
  // Burst: the rest of the trace as fast as the server takes it, in chunks every observer catches up with.
  const burst = edits.slice(STEADY_EDITS, STEADY_EDITS + BURST_EDITS);
  const t1 = performance.now();
  for (let i = 0; i < burst.length; i += CHUNK) {
    for (const edit of burst.slice(i, i + CHUNK)) writer!.edit(edit);
    await caughtUp(observers, writer!, writer!.clockOf(writer!));
  }
  const editsPerSecond = burst.length / ((performance.now() - t1) / 1000);
  const text = bodyText(writer!.doc).toString();
  for (const c of [writer!, ...observers]) c.close();
  let coldLoadMs: number | null = null;
  let coldLoadComplete: boolean | null = null;
  if (kind !== "relay") {
    await server.stop();
    server = await startServer(kind, dataDir);
    const t2 = performance.now();
    const [fresh] = await connectAll(kind, server.served, server.served.room, 1);
    coldLoadMs = performance.now() - t2;
    coldLoadComplete = bodyText(fresh!.doc).toString() === text;
    fresh!.close();
  }
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return { medianMs: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99), editsPerSecond, coldLoadMs, coldLoadComplete };
}

/** kill -9 while a writer types at 200 edits/s: how many edits an observer had seen are missing after the restart. */
async function killLoss(kind: Kind, edits: Edit[], run: number): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(TMP, `peer-kill-${kind}-`));
  let server = await startServer(kind, dataDir);
  const [writer, observer] = await connectAll(kind, server.served, server.served.room, 2);
  const clocks: number[] = [];
  // 1 to 3 s of typing, varied per run (and the same for every server).
  const count = RATE + ((run * 157) % (2 * RATE));
  for (let i = 0; i < count; i++) {
    writer!.edit(edits[i]!);
    clocks.push(writer!.clockOf(writer!));
    await new Promise((r) => setTimeout(r, 1000 / RATE));
  }
  const seenClock = observer!.clockOf(writer!);
  server.child.kill("SIGKILL");
  await new Promise((r) => server.child.once("exit", r));
  writer!.close();
  observer!.close();
  server = await startServer(kind, dataDir);
  // A server that cannot reload what it stored never answers the sync: that run loses everything seen.
  const fresh = new Client(kind, server.served, server.served.room);
  const reloaded = await Promise.race([fresh.synced.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 30_000))]);
  const storedClock = reloaded ? fresh.clockOf(writer!) : 0;
  fresh.close();
  server.child.kill("SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
  return clocks.filter((c) => c <= seenClock && c > storedClock).length;
}

/** Server RSS with 50 rooms of 4 clients, each room holding the start of the trace. */
async function roomsRss(kind: Kind, edits: Edit[]): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(TMP, `peer-rss-${kind}-`));
  const server = await startServer(kind, dataDir);
  const all: Client[] = [];
  for (const room of server.served.rooms!.slice(0, ROOMS)) {
    const clients = await connectAll(kind, server.served, room, CLIENTS_PER_ROOM);
    all.push(...clients);
    for (const edit of edits.slice(0, 200)) clients[0]!.edit(edit);
    await caughtUp(clients.slice(1), clients[0]!, clients[0]!.clockOf(clients[0]!));
  }
  await new Promise((r) => setTimeout(r, 2_000));
  const rss = rssMiB(server.served.pid!);
  for (const c of all) c.close();
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return rss;
}

const median = (xs: number[]) => quantile([...xs].sort((a, b) => a - b), 0.5);

/**
 * The floor any server pays that makes each edit durable before relaying it: one append of an edit's stored
 * line to a log on the same disk as the servers' data, then fdatasync, at the steady rate; no server, no socket.
 */
async function flushFloor(edits: Edit[]): Promise<{ medianMs: number; p99Ms: number; bytes: number }> {
  const dir = fs.mkdtempSync(path.join(TMP, "peer-flush-"));
  const fd = fs.openSync(path.join(dir, "log.db"), "a");
  const doc = new Y.Doc();
  const times: number[] = [];
  let bytes = 0;
  try {
    for (let i = 0; i < FLUSH_APPENDS; i++) {
      // The line the embedded store appends for one edit (NeDB's JSON, the update in base64).
      const update = Buffer.from(applyEdit(doc, edits[i]!)).toString("base64");
      const line = `${JSON.stringify({ _id: `episode-floor:${String(i + 1).padStart(12, "0")}`, room: "episode-floor", seq: i + 1, update: { __carnetBinary: update }, at: { $$date: Date.now() } })}\n`;
      bytes += line.length;
      const t = performance.now();
      fs.writeSync(fd, line);
      fs.fdatasyncSync(fd);
      times.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 1000 / RATE));
    }
  } finally {
    fs.closeSync(fd);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  return { medianMs: quantile(times, 0.5), p99Ms: quantile(times, 0.99), bytes: Math.round(bytes / FLUSH_APPENDS) };
}

async function main(): Promise<void> {
  if (KINDS.includes("carnet")) {
    const built = spawnSync(process.execPath, ["scripts/build-server.mjs"], { cwd: path.resolve(here, ".."), stdio: "inherit" });
    if (built.status !== 0) throw new Error("server build failed");
  }
  const { edits } = loadTrace();
  process.stdout.write(`Peer benchmark: ${ROUNDS} rounds; steady ${STEADY_EDITS} edits at ${RATE}/s, burst ${BURST_EDITS}, ${KILL_RUNS} kill -9 runs, ${ROOMS}×${CLIENTS_PER_ROOM} clients.\n`);
  const rows = new Map<Kind, { medianMs: number[]; p99Ms: number[]; editsPerSecond: number[]; coldLoadMs: number[]; coldLoadComplete: boolean[]; rssMiB: number[]; killLost: number[] }>();
  for (const kind of KINDS) rows.set(kind, { medianMs: [], p99Ms: [], editsPerSecond: [], coldLoadMs: [], coldLoadComplete: [], rssMiB: [], killLost: [] });
  const floors: { medianMs: number; p99Ms: number; bytes: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const floor = await flushFloor(edits);
    floors.push(floor);
    process.stdout.write(`round ${round + 1} append + fdatasync of one edit (${floor.bytes} bytes): median ${floor.medianMs.toFixed(3)} ms, p99 ${floor.p99Ms.toFixed(3)} ms\n`);
    // Alternate the order, so no server always runs on a machine warmed (or loaded) by another.
    const order = round % 2 === 0 ? KINDS : [...KINDS].reverse();
    for (const kind of order) {
      const row = rows.get(kind)!;
      const r = await latencyAndBurst(kind, edits);
      row.medianMs.push(r.medianMs);
      row.p99Ms.push(r.p99Ms);
      row.editsPerSecond.push(r.editsPerSecond);
      if (r.coldLoadMs !== null) row.coldLoadMs.push(r.coldLoadMs);
      if (r.coldLoadComplete !== null) row.coldLoadComplete.push(r.coldLoadComplete);
      row.rssMiB.push(await roomsRss(kind, edits));
      process.stdout.write(`round ${round + 1} ${kind}: median ${r.medianMs.toFixed(3)} ms, p99 ${r.p99Ms.toFixed(3)} ms, ${Math.round(r.editsPerSecond)} edits/s\n`);
    }
  }
  for (let run = 0; run < KILL_RUNS; run++)
    for (const kind of KINDS) if (kind !== "relay") rows.get(kind)!.killLost.push(await killLoss(kind, edits, run));
  const summary = Object.fromEntries(
    KINDS.map((kind) => {
      const r = rows.get(kind)!;
      return [
        kind,
        {
          medianMs: median(r.medianMs),
          p99Ms: median(r.p99Ms),
          burstEditsPerSecond: Math.round(median(r.editsPerSecond)),
          killLostSeenEdits: kind === "relay" ? null : r.killLost,
          rss50x4MiB: Math.round(median(r.rssMiB) * 10) / 10,
          coldLoadMs: kind === "relay" ? null : median(r.coldLoadMs),
          // After a graceful stop: does the reloaded document hold everything written?
          coldLoadComplete: kind === "relay" ? null : r.coldLoadComplete.every(Boolean),
        },
      ];
    }),
  ) as Record<Kind, { medianMs: number; p99Ms: number; burstEditsPerSecond: number; killLostSeenEdits: number[] | null; rss50x4MiB: number; coldLoadMs: number | null; coldLoadComplete: boolean | null }>;
  const c = summary.carnet;
  // BENCH_SERVERS may leave a server out: its ratios are then null.
  const ratios = (other: Kind) => summary[other] && c && ({
    median: c.medianMs / summary[other].medianMs,
    p99: c.p99Ms / summary[other].p99Ms,
    burst: c.burstEditsPerSecond / summary[other].burstEditsPerSecond,
    rss: c.rss50x4MiB / summary[other].rss50x4MiB,
  });
  const flushFloorMs = { medianMs: median(floors.map((f) => f.medianMs)), p99Ms: median(floors.map((f) => f.p99Ms)), lineBytes: floors[0]?.bytes ?? 0 };
  const result = {
    flushFloor: flushFloorMs,
    settings: { rounds: ROUNDS, rate: RATE, steadyEdits: STEADY_EDITS, burstEdits: BURST_EDITS, killRuns: KILL_RUNS, observers: OBSERVERS, rooms: ROOMS, clientsPerRoom: CLIENTS_PER_ROOM },
    servers: summary,
    carnetRatio: { hocuspocus: ratios("hocuspocus") ?? null, "hocuspocus-debounce0": ratios("hocuspocus-debounce0") ?? null, relay: ratios("relay") ?? null },
    targets: { medianAndP99VsHocuspocus: 1.0, medianAndP99VsRelay: 1.3, killLost: 0 },
    machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg(), dataOn: TMP },
    at: new Date().toISOString(),
  };
  fs.mkdirSync(path.join(here, "results"), { recursive: true });
  fs.writeFileSync(path.resolve(here, "results", OUT), `${JSON.stringify(result, null, 2)}\n`);
  const fmt = (v: number | null | undefined, digits = 2) => (v == null ? "—" : v.toFixed(digits));
  const line = (label: string, get: (k: Kind) => string) => `| ${label} | ${KINDS.map(get).join(" | ")} |`;
  const table = [
    `| | ${KINDS.join(" | ")} | Carnet ÷ hocuspocus | Carnet ÷ relay |`,
    `|---|${KINDS.map(() => "---|").join("")}---|---|`,
    `${line("median latency at 200 edits/s (ms)", (k) => fmt(summary[k].medianMs, 3))} ${fmt(result.carnetRatio.hocuspocus?.median)} | ${fmt(result.carnetRatio.relay?.median)} |`,
    `${line("p99 latency at 200 edits/s (ms)", (k) => fmt(summary[k].p99Ms, 3))} ${fmt(result.carnetRatio.hocuspocus?.p99)} | ${fmt(result.carnetRatio.relay?.p99)} |`,
    `${line("burst throughput (edits/s)", (k) => String(summary[k].burstEditsPerSecond))} ${fmt(result.carnetRatio.hocuspocus?.burst)} | ${fmt(result.carnetRatio.relay?.burst)} |`,
    `${line(`seen edits lost on kill -9 (${KILL_RUNS} runs)`, (k) => summary[k].killLostSeenEdits?.join(", ") ?? "—")} | |`,
    `${line("RSS, 50 rooms × 4 clients (MiB)", (k) => fmt(summary[k].rss50x4MiB, 1))} ${fmt(result.carnetRatio.hocuspocus?.rss)} | ${fmt(result.carnetRatio.relay?.rss)} |`,
    `${line("cold load (ms)", (k) => fmt(summary[k].coldLoadMs, 1))} | |`,
    `${line("cold load complete", (k) => String(summary[k].coldLoadComplete ?? "—"))} | |`,
  ];
  process.stdout.write(`${table.join("\n")}\n`);
  process.stdout.write(
    `Bare append + fdatasync of one edit (${flushFloorMs.lineBytes} bytes) on ${TMP}: median ${fmt(flushFloorMs.medianMs, 3)} ms, p99 ${fmt(flushFloorMs.p99Ms, 3)} ms.\n`,
  );
  const hp = summary.hocuspocus;
  if (hp)
    process.stdout.write(
      `The flush alone (median ${fmt(flushFloorMs.medianMs, 3)} ms) is ${fmt(flushFloorMs.medianMs / hp.medianMs)}× Hocuspocus's whole median path at its defaults (${fmt(hp.medianMs, 3)} ms, no flush per edit).\n`,
    );
}

const [role, ...args] = process.argv.slice(2);
if (role === "serve-carnet") await serveCarnet(args[0]!, Number(args[1]));
else if (role === "serve-relay") await serveRelay();
else if (role === "serve-hocuspocus") await serveHocuspocus(args[0]!, args[1]!);
else await main();
