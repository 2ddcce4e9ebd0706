// 10,000 malformed frames: the server stays up, other rooms keep working, the event loop never stalls.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { buildEpisodeRecord, type Cast } from "../helpers/factories.ts";
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
    server = s;
    cast = c;
  });

  it(`survives ${FRAMES} malformed frames while another room keeps working`, { timeout: 90_000 }, async () => {
    const target = `episode-${(await buildEpisodeRecord(server.ctx, cast.programme._id))._id}`;
    const healthy = `episode-${(await buildEpisodeRecord(server.ctx, cast.programme._id))._id}`;
    const a = connect(server.url, healthy, cast.cookies.editor, server.origin);
    const b = connect(server.url, healthy, cast.cookies.lead, server.origin);
    // Measured on the server's own loop: the attacker runs in another process.
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    let tally: Tally;
    try {
      await Promise.all([a.synced, b.synced]);
      let turn = 0;
      const editing = setInterval(() => a.text.insert(a.text.length, `${turn++};`), 20);
      const url = `${server.url.replace(/^http/, "ws")}/collab/${target}`;
      const args = [url, cast.cookies.editor, server.origin, String(FRAMES), String(SOCKETS), String(OVERSIZE)];
      try {
        const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", fuzzer, ...args], {
          maxBuffer: 1024 * 1024,
        });
        tally = JSON.parse(stdout.trim().split("\n").at(-1)!) as Tally;
      } finally {
        clearInterval(editing);
      }
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
    assert.equal(tally.sent, FRAMES + OVERSIZE);
    assert.equal(tally.tolerated + tally.closed, tally.sent, "every frame was either answered past or closed its socket");
    assert.ok(tally.closed > FRAMES / 2, `most frames closed their connection (${tally.closed})`);
    assert.equal(tally.namedCloses, tally.closed, "the server closed each of them with a named code, never a cut");
    assert.ok(tally.connections <= tally.closed + SOCKETS, `tolerated frames shared sockets (${tally.connections} sockets)`);
    assert.ok(lag.max < 1e9, `event-loop lag stayed under 1 s (max ${(lag.max / 1e6).toFixed(0)} ms)`);
  });
});
