// One replay of the editing trace against a served room: a writer, observers, latency one edit at a time, then throughput.
import { storeEnv } from "../tests/helpers/engine.ts";
import WebSocket from "ws";
import * as Y from "yjs";
import { readSync, SyncType, syncStep1, syncStep2, updateMessage } from "../collab/wire.ts";
import { applyEdit, type Edit, ORIGIN, quantile, type Served } from "./lib.ts";
import { bodyText } from "./traceBody.ts";

export const OBSERVERS = 9;
export const median = (xs: number[]) => quantile([...xs].sort((a, b) => a - b), 0.5);
export const spread = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { medianMs: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99) };
};
export const LATENCY_PREFIX = Number(process.env.BENCH_LATENCY_EDITS ?? 20_000);
const CHUNK = 500;

export type Peer = { ws: WebSocket; doc: Y.Doc; updates: number; onUpdate: (() => void) | null };

export function open(served: Served): Promise<Peer> {
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
      if (!sync) return;
      // Answer the server's step 1 as y-websocket does: Carnet holds a writer's updates until that answer.
      if (sync.kind === SyncType.step1) return ws.send(syncStep2(Y.encodeStateAsUpdate(peer.doc, sync.payload)));
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
export async function replay(served: Served, edits: Edit[], observedAt = served.url) {
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

/** A fresh store on the replay's data (embedded, or its MongoDB database) reads the room back: cold load and size. */
export async function reload(dataDir: string, room: string) {
  const { openStore } = await import("../server/store/open.ts");
  const { docsRepository } = await import("../server/repositories/docs.ts");
  const t0 = performance.now();
  const store = await openStore({ dataDir, mongodbUrl: storeEnv(dataDir).MONGODB_URL });
  const opened = performance.now();
  const docs = docsRepository(store);
  const loaded = new Y.Doc();
  Y.applyUpdate(loaded, (await docs.load(room)).update);
  const coldLoad = { storeOpenMs: opened - t0, loadMs: performance.now() - opened };
  const size = await docs.size(room);
  await store.close();
  return { coldLoad, size, reloadedText: bodyText(loaded).toString() };
}
