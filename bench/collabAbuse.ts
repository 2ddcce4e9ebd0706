// What one abusive address costs the collaboration server: descriptors, RSS, health-check latency (`npm run bench:collab-abuse`).
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import * as Y from "yjs";
import { syncStep1, updateMessage } from "../collab/wire.ts";
import { spawnServer, startCarnet, stopServer } from "./child.ts";
import { bodyText } from "./traceBody.ts";

const ORIGIN = "http://carnet.bench";
const UPGRADES = 500;
const READERS = 8;
const READER_REQUESTS = 10;
const READER_DOC_BYTES = 5 * 1024 * 1024;
const PENDING_UPDATES = 150;
const PENDING_UPDATE_BYTES = 1024 * 1024;

type Served = { url: string; pid: number; draftRoom: string; reviewRoom: string; editor: string; partner: string };

/** Child role: a real server with a draft room, a review room holding a large document, an editor and a partner. */
async function serve(dataDir: string): Promise<void> {
  const f = await import("../tests/helpers/factories.ts");
  const running = await startCarnet(dataDir, ORIGIN);
  const cast = await f.buildCast(running.ctx);
  const draft = await f.buildEpisodeRecord(running.ctx, cast.programme._id);
  const review = await f.buildEpisodeRecord(running.ctx, cast.programme._id, { status: "review" });
  const reviewRoom = `episode-${review._id}`;
  await running.ctx.services.documentChanges.change(reviewRoom, (doc) =>
    bodyText(doc).insert(0, "x".repeat(READER_DOC_BYTES)),
  );
  process.stdin.resume();
  process.stdin.on("end", () => void running.close().then(() => process.exit(0)));
  const served: Served = {
    url: running.url,
    pid: process.pid,
    draftRoom: `episode-${draft._id}`,
    reviewRoom,
    editor: cast.cookies.editor,
    partner: cast.cookies.partner,
  };
  process.stdout.write(`${JSON.stringify(served)}\n`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const descriptors = (pid: number) => fs.readdirSync(`/proc/${pid}/fd`).length;
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

function start(): Promise<{ child: ChildProcess; served: Served }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "carnet-abuse-"));
  return spawnServer<Served>(fileURLToPath(import.meta.url), ["serve", dataDir]);
}

/** Samples RSS (MB) every 250 ms while `run` runs; returns its peak. */
async function peakRss(pid: number, run: () => Promise<void>): Promise<number> {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 250);
  try {
    await run();
  } finally {
    clearInterval(timer);
  }
  return Math.round(Math.max(peak, rssMb(pid)));
}

/** 500 upgrade requests outside /collab/, kept open by the client: how many descriptors the server holds. */
async function upgrades(served: Served) {
  const port = Number(new URL(served.url).port);
  const before = descriptors(served.pid);
  const sockets = Array.from({ length: UPGRADES }, () => {
    const s = net.connect(port, "127.0.0.1");
    s.on("error", () => {});
    s.write(
      "GET /nope HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n" +
        "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: MDEyMzQ1Njc4OWFiY2RlZg==\r\n\r\n",
    );
    return s;
  });
  await sleep(3000);
  const whileOpen = descriptors(served.pid);
  for (const s of sockets) s.destroy();
  await sleep(2000);
  return { before, whileClientsWait: whileOpen, afterClientsLeave: descriptors(served.pid) };
}

/** Read-only partners that ask for the whole document and never read. */
async function slowReaders(served: Served) {
  const before = Math.round(rssMb(served.pid));
  const readers: WebSocket[] = [];
  const peak = await peakRss(served.pid, async () => {
    for (let i = 0; i < READERS; i++) {
      const ws = new WebSocket(`${served.url.replace(/^http/, "ws")}/collab/${served.reviewRoom}`, {
        headers: { Cookie: served.partner, Origin: ORIGIN },
        perMessageDeflate: false,
      });
      ws.on("error", () => {});
      await new Promise((r) => ws.once("open", r));
      (ws as unknown as { _socket: net.Socket })._socket.pause();
      for (let n = 0; n < READER_REQUESTS; n++) ws.send(syncStep1(new Y.Doc()));
      readers.push(ws);
    }
    await sleep(15_000);
  });
  const after = Math.round(rssMb(served.pid));
  for (const ws of readers) ws.terminate();
  return { rssBeforeMb: before, rssPeakMb: peak, rssAfter15sMb: after };
}

function orphanUpdate(bytes: number): Uint8Array {
  const doc = new Y.Doc();
  bodyText(doc).insert(0, "a");
  const before = Y.encodeStateVector(doc);
  bodyText(doc).insert(1, "z".repeat(bytes));
  return Y.encodeStateAsUpdate(doc, before);
}

/** An editor sends 150 updates of 1 MiB that build on structures never sent, reconnecting when cut. */
async function pendingAttack(served: Served) {
  // Built beforehand, and the loop yields after each send: this process also times the health checks.
  const updates = Array.from({ length: PENDING_UPDATES }, () => updateMessage(orphanUpdate(PENDING_UPDATE_BYTES)));
  const latencies: number[] = [];
  let attacking = true;
  const probe = (async () => {
    while (attacking) {
      const t = performance.now();
      await fetch(`${served.url}/healthz`).then((r) => r.arrayBuffer());
      latencies.push(performance.now() - t);
      await sleep(200);
    }
  })();
  let sent = 0;
  let connections = 0;
  const closeCodes: number[] = [];
  const started = Date.now();
  const peak = await peakRss(served.pid, async () => {
    while (sent < PENDING_UPDATES && Date.now() - started < 120_000) {
      connections++;
      const ws = new WebSocket(`${served.url.replace(/^http/, "ws")}/collab/${served.draftRoom}`, {
        headers: { Cookie: served.editor, Origin: ORIGIN },
        perMessageDeflate: false,
      });
      ws.on("error", () => {});
      const closed = new Promise<void>((r) =>
        ws.once("close", (code) => {
          closeCodes.push(code);
          r();
        }),
      );
      await new Promise((r) => ws.once("open", r));
      while (sent < PENDING_UPDATES && ws.readyState === ws.OPEN) {
        ws.send(updates[sent++]!);
        await new Promise((r) => setImmediate(r));
        // Sent as fast as the server takes them: wait while the socket's buffer is full.
        while (ws.bufferedAmount > 0 && ws.readyState === ws.OPEN) await sleep(5);
      }
      // The last updates are being merged: let the health probe see it.
      if (sent >= PENDING_UPDATES) await sleep(3000);
      ws.terminate();
      await closed;
    }
  });
  attacking = false;
  await probe;
  const sorted = [...latencies].sort((a, b) => a - b);
  const q = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0);
  return { updatesSent: sent, connections, closeCodes, seconds: Math.round((Date.now() - started) / 1000), rssPeakMb: peak, healthzMs: { p50: q(0.5), max: q(1) } };
}

/** Runs every scenario, or those named on the command line. */
async function main(only: string[]): Promise<void> {
  const results: Record<string, unknown> = {};
  const scenarios = [
    ["upgradesOutsideCollab", upgrades],
    ["slowReadOnlyReaders", slowReaders],
    ["pendingUpdateAttack", pendingAttack],
  ] as const;
  for (const [name, run] of scenarios.filter(([name]) => only.length === 0 || only.includes(name))) {
    const { child, served } = await start();
    try {
      results[name] = await run(served);
    } finally {
      await stopServer(child);
    }
    process.stderr.write(`${name}: ${JSON.stringify(results[name])}\n`);
  }
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

if (process.argv[2] === "serve") await serve(process.argv[3]!);
else await main(process.argv.slice(2));
