// What the collaboration benchmarks share: the servers they run as child processes, the wire messages, the trace.
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import type WebSocket from "ws";
import { WebSocketServer } from "ws";
import * as Y from "yjs";
import { readSync, SyncType, syncStep1, syncStep2, updateMessage } from "../collab/wire.ts";
import { spawnServer, startCarnet, stopServer } from "./child.ts";
import { bodyText } from "./traceBody.ts";

export const ORIGIN = "http://carnet.bench";
/** The sessions a Carnet child signs are accepted by another started on the same data (e.g. its compiled build). */
export const SESSION_SECRET = "bench-secret-bench-secret-bench-secret";
const here = path.dirname(fileURLToPath(import.meta.url));

export type Edit = [number, number, string];
/** A server as a child reports it: where to connect, which rooms, how to sign in, its process id. */
export type Served = { url: string; room: string; rooms?: string[]; cookie?: string; dataDir?: string; pid?: number };

export function loadTrace(): { edits: Edit[]; finalText: string } {
  return JSON.parse(gunzipSync(fs.readFileSync(path.join(here, "data", "paper-editing-trace.json.gz"))).toString());
}

// ---- Child process roles ----

/** Carnet's server with `rooms` episodes that one editor may edit; restarted on the same data, the same ones. */
export async function serveCarnet(dataDir: string, rooms = 1): Promise<void> {
  const f = await import("../tests/helpers/factories.ts");
  const running = await startCarnet(dataDir, ORIGIN, { COLLAB_MAX_CONNECTIONS_PER_IP: "1000", SESSION_SECRET });
  const seeded = path.join(dataDir, "bench-seeded.json");
  if (fs.existsSync(seeded)) {
    stopOnStdinEnd(() => running.close());
    report({ ...JSON.parse(fs.readFileSync(seeded, "utf8")), url: running.url, pid: process.pid });
    return;
  }
  const programme = await f.buildProgramme(running.ctx);
  const user = await f.buildUser(running.ctx);
  await f.buildMembership(running.ctx, user._id, programme._id, "editor");
  const cookie = await f.sessionCookieFor(running.ctx, user._id);
  const names: string[] = [];
  for (let i = 0; i < rooms; i++) names.push(`episode-${(await f.buildEpisodeRecord(running.ctx, programme._id))._id}`);
  fs.writeFileSync(seeded, JSON.stringify({ room: names[0]!, rooms: names, cookie, dataDir }));
  stopOnStdinEnd(() => running.close());
  report({ url: running.url, room: names[0]!, rooms: names, cookie, dataDir, pid: process.pid });
}

/** The baseline: what a relay does with no access control and no persistence at all (stock y-websocket logic). */
export async function serveRelay(): Promise<void> {
  const docs = new Map<string, { doc: Y.Doc; peers: Set<WebSocket> }>();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const server = http.createServer();
  server.on("upgrade", (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws) => {
      const name = req.url ?? "";
      const room = docs.get(name) ?? { doc: new Y.Doc(), peers: new Set<WebSocket>() };
      docs.set(name, room);
      room.peers.add(ws);
      ws.on("close", () => room.peers.delete(ws));
      ws.on("message", (data: Buffer) => {
        const sync = readSync(new Uint8Array(data));
        if (!sync) return;
        if (sync.kind === SyncType.step1) ws.send(syncStep2(Y.encodeStateAsUpdate(room.doc, sync.payload)));
        else {
          Y.applyUpdate(room.doc, sync.payload);
          const out = updateMessage(sync.payload);
          for (const p of room.peers) if (p !== ws) p.send(out);
        }
      });
      ws.send(syncStep1(room.doc));
    }),
  );
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  stopOnStdinEnd(async () => {
    for (const room of docs.values()) for (const p of room.peers) p.terminate();
    server.close();
  });
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  report({ url, room: "bench", rooms: Array.from({ length: 50 }, (_, i) => `bench-${i}`), pid: process.pid });
}

export function report(served: Served): void {
  process.stdout.write(`${JSON.stringify(served)}\n`);
}

export function stopOnStdinEnd(stop: () => Promise<void>): void {
  process.stdin.resume();
  process.stdin.on("end", () => void stop().then(() => process.exit(0)));
}

/** Runs `script role …` in a child process and resolves with what it reports. */
export function start(script: string, args: string[]): Promise<{ child: ChildProcess; served: Served }> {
  return spawnServer<Served>(script, args, nodeFlags);
}

// BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the servers (NODE_OPTIONS refuses --cpu-prof).
export const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean);

export const stop = stopServer;

// ---- Messages and the trace ----

export const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/** Applies one trace edit to the sender's doc and returns the update it produced. */
export function applyEdit(doc: Y.Doc, [pos, del, ins]: Edit): Uint8Array {
  let update: Uint8Array | null = null;
  const grab = (u: Uint8Array) => {
    update = u;
  };
  doc.on("update", grab);
  const text = bodyText(doc);
  doc.transact(() => {
    if (del > 0) text.delete(pos, del);
    if (ins) text.insert(pos, ins);
  });
  doc.off("update", grab);
  return update!;
}
