// 10,000 malformed frames: the server stays up, other rooms keep working, the event loop never stalls.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { monitorEventLoopDelay } from "node:perf_hooks";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as Y from "yjs";
import { buildCast, buildEpisodeRecord, type Cast } from "../helpers/factories.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { connect, disconnectAll, waitFor } from "./helpers.ts";

const FRAMES = 10_000;
const WORKERS = 16;
const MAX_MESSAGE = 2 * 1024 * 1024;

const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(Math.random() * 256));
const frame = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};

/** A real update to mutate, so some garbage gets deep into the decoder rather than failing at once. */
function sampleUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.getText("t").insert(0, "bonjour le carnet");
  doc.getMap("m").set("k", [1, "deux", { trois: 3 }]);
  doc.getText("t").delete(2, 4);
  return Y.encodeStateAsUpdate(doc);
}
const sample = sampleUpdate();

function mutated(): Uint8Array {
  const u = sample.slice();
  for (let i = 0; i < 1 + Math.floor(Math.random() * 4); i++) u[Math.floor(Math.random() * u.length)] = Math.floor(Math.random() * 256);
  return Math.random() < 0.3 ? u.slice(0, Math.floor(Math.random() * u.length)) : u;
}

/** The n-th malformed frame: every kind in turn. */
function malformed(n: number): Uint8Array | string {
  switch (n % 10) {
    case 0:
      return bytes(Math.floor(Math.random() * 300));
    case 1:
      // A varint whose continuation bit never stops.
      return new Uint8Array([Math.floor(Math.random() * 2), ...Array.from({ length: 1 + (n % 12) }, () => 0x80 | Math.floor(Math.random() * 128))]);
    case 2:
      // A length far beyond the frame.
      return frame((e) => {
        encoding.writeVarUint(e, n % 4 === 0 ? 1 : 0);
        if (n % 4 !== 0) encoding.writeVarUint(e, n % 3);
        encoding.writeVarUint(e, 2 ** 31 + n);
        encoding.writeUint8Array(e, bytes(8));
      });
    case 3:
    case 4:
      // Sync step 2 / update headers with garbage inside.
      return frame((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 1 + (n % 2));
        encoding.writeVarUint8Array(e, n % 3 === 0 ? bytes(1 + Math.floor(Math.random() * 200)) : mutated());
      });
    case 5:
      // A state vector that is not one.
      return frame((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint8Array(e, bytes(1 + Math.floor(Math.random() * 40)));
      });
    case 6:
      // Awareness with broken JSON or a huge count.
      return frame((e) => {
        encoding.writeVarUint(e, 1);
        const inner = encoding.createEncoder();
        encoding.writeVarUint(inner, n % 2 ? 1 : 2 ** 30);
        encoding.writeVarUint(inner, n);
        encoding.writeVarUint(inner, 1);
        encoding.writeVarString(inner, n % 4 === 1 ? "[1,2]" : '{"user": ');
        encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
      });
    case 7:
      return new Uint8Array([4 + (n % 100)]);
    case 8:
      return "un message texte";
    default:
      // Sync with an unknown sub-type, or an empty frame.
      return n % 2 ? new Uint8Array([0, 9, 0]) : new Uint8Array(0);
  }
}

describe("collaboration: fuzzing", () => {
  let server: TestServer;
  let cast: Cast;
  before(async () => {
    server = await startTestServer();
    cast = await buildCast(server.ctx);
  });
  after(async () => {
    await server.close();
  });

  it(`survives ${FRAMES} malformed frames while another room keeps working`, { timeout: 90_000 }, async () => {
    const target = `episode-${(await buildEpisodeRecord(server.ctx, cast.programme._id))._id}`;
    const healthy = `episode-${(await buildEpisodeRecord(server.ctx, cast.programme._id))._id}`;
    const a = connect(server.url, healthy, cast.cookies.editor, server.origin);
    const b = connect(server.url, healthy, cast.cookies.lead, server.origin);
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    let sent = 0;
    let closedByServer = 0;
    const headers = { Cookie: cast.cookies.editor, Origin: server.origin };
    const url = `${server.url.replace(/^http/, "ws")}/collab/${target}`;

    /** One connection, one bad frame; returns once the server closed it or answered a valid probe. */
    const attempt = (payload: Uint8Array | string) =>
      new Promise<void>((resolve) => {
        const ws = new WebSocket(url, { headers, maxPayload: 0 });
        ws.on("error", () => {});
        ws.on("open", () => {
          ws.send(payload, { binary: typeof payload !== "string" });
          // A valid sync step 1 after it: answered (step 2) only if the bad frame was tolerated.
          ws.send(frame((e) => {
            encoding.writeVarUint(e, 0);
            encoding.writeVarUint(e, 0);
            encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
          }));
        });
        ws.on("message", (data: Buffer) => {
          if (data[0] === 0 && data[1] === 1) ws.close();
        });
        ws.on("close", (code) => {
          if (code >= 4000 || code === 1009) closedByServer++;
          resolve();
        });
      });

    try {
      await Promise.all([a.synced, b.synced]);
      let turn = 0;
      const editing = setInterval(() => a.text.insert(a.text.length, `${turn++};`), 20);
      const worker = async () => {
        while (sent < FRAMES) {
          const n = sent++;
          await attempt(malformed(n));
        }
      };
      await Promise.all(Array.from({ length: WORKERS }, worker));
      for (let i = 0; i < 5; i++) await attempt(bytes(MAX_MESSAGE + 1));
      clearInterval(editing);
      await waitFor(() => b.text.toString() === a.text.toString() && turn > 0, "the healthy room still relays");

      // The fuzzed room still works for a well-behaved client.
      const c = connect(server.url, target, cast.cookies.lead, server.origin);
      const d = connect(server.url, target, cast.cookies.admin, server.origin);
      try {
        await Promise.all([c.synced, d.synced]);
        c.text.insert(0, "toujours là");
        await waitFor(() => d.text.toString().includes("toujours là"), "the fuzzed room still relays");
      } finally {
        disconnectAll([c, d]);
      }
    } finally {
      lag.disable();
      disconnectAll([a, b]);
    }
    assert.ok(sent >= FRAMES);
    assert.ok(closedByServer > FRAMES / 2, `most frames closed their connection (${closedByServer})`);
    assert.ok(lag.max < 1e9, `event-loop lag stayed under 1 s (max ${(lag.max / 1e6).toFixed(0)} ms)`);
  });
});
