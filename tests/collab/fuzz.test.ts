// 10,000 malformed frames: the server stays up, other rooms keep working, the event loop never stalls.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { CloseCode } from "../../collab/server/closeCodes.ts";
import { buildEpisodeRecord, type Cast } from "../helpers/factories.ts";
import { testSeed } from "../helpers/seed.ts";
import type { TestServer } from "../helpers/server.ts";
import { useCastServer } from "../helpers/suite.ts";
import { connect, disconnectAll, waitFor } from "./helpers.ts";

const FRAMES = 10_000;
/** Oversize frames (past the 2 MiB limit), sent one after another at the end. */
const OVERSIZE = 5;
const SOCKETS = 16;
const fuzzer = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "fuzzer.ts");

type Tally = { sent: number; tolerated: number; closed: number; namedCloses: number; connections: number };

describe("collaboration: fuzzing", () => {
  let server: TestServer;
  let cast: Cast;
  useCastServer((s, c) => {
    [server, cast] = [s, c];
  });

  it(`survives ${FRAMES} malformed frames while other rooms keep working`, { timeout: 90_000 }, async () => {
    const room = async () => `episode-${(await buildEpisodeRecord(server.ctx, cast.programme._id))._id}`;
    // Fuzzed: "warm" keeps a resident client, so it stays loaded; "cold" empties between sockets, so
    // frames also arrive while it loads. Untouched: "healthy", where two clients edit all along.
    const [warm, cold, healthy] = [await room(), await room(), await room()];
    const a = connect(server.url, healthy, cast.cookies.editor, server.origin);
    const b = connect(server.url, healthy, cast.cookies.lead, server.origin);
    const resident = connect(server.url, warm, cast.cookies.admin, server.origin);
    const residentCloses: number[] = [];
    resident.provider.on("connection-close", (ev) => residentCloses.push(ev?.code ?? 0));
    // Measured on the server's own loop: the attacker runs in another process.
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    let tally: Tally;
    try {
      await Promise.all([a.synced, b.synced, resident.synced]);
      let turn = 0;
      const editing = setInterval(() => a.text.insert(a.text.length, `${turn++};`), 20);
      const url = (r: string) => `${server.url.replace(/^http/, "ws")}/collab/${r}`;
      // One socket in four on the cold room: enough load/unload cycles, without paying one per frame.
      const rooms = [url(cold), url(warm), url(warm), url(warm)];
      const args = [String(testSeed("collab fuzz")), cast.cookies.editor, server.origin, String(FRAMES), String(SOCKETS), String(OVERSIZE), ...rooms];
      try {
        const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", fuzzer, ...args], {
          maxBuffer: 1024 * 1024,
        });
        tally = JSON.parse(stdout.trim().split("\n").at(-1)!) as Tally;
      } finally {
        clearInterval(editing);
      }
      await waitFor(() => b.text.toString() === a.text.toString() && turn > 0, "the healthy room still relays");
      // An update that fails halfway through applying resets its room (by design: the doc may then differ
      // from the store); residents are told to reconnect, and are never closed for anything else.
      const unexpected = residentCloses.filter((code) => code !== CloseCode.ROOM_RESET);
      assert.deepEqual(unexpected, [], "the resident of a fuzzed room was only ever asked to reconnect");

      // Both fuzzed rooms still work for well-behaved clients.
      for (const [r, writer] of [[cold, connect(server.url, cold, cast.cookies.lead, server.origin)], [warm, resident]] as const) {
        const reader = connect(server.url, r, cast.cookies.editor, server.origin);
        try {
          await Promise.all([writer.synced, reader.synced]);
          writer.text.insert(0, "toujours là");
          await waitFor(() => reader.text.toString().includes("toujours là"), "a fuzzed room still relays");
        } finally {
          disconnectAll(writer === resident ? [reader] : [reader, writer]);
        }
      }
    } finally {
      lag.disable();
      disconnectAll([a, b, resident]);
    }
    assert.equal(tally.sent, FRAMES + OVERSIZE);
    assert.equal(tally.tolerated + tally.closed, tally.sent, "every frame was either answered past or closed its socket");
    assert.ok(tally.closed > FRAMES / 2, `most frames closed their connection (${tally.closed})`);
    assert.equal(tally.namedCloses, tally.closed, "the server closed each of them with a named code, never a cut");
    assert.ok(tally.connections <= tally.closed + SOCKETS, `tolerated frames shared sockets (${tally.connections} sockets)`);
    assert.ok(lag.max < 1e9, `event-loop lag stayed under 1 s (max ${(lag.max / 1e6).toFixed(0)} ms)`);
  });
});
