// Under strace: every update the server relays was first appended to the log and flushed (fdatasync) to the disk.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { tempDir } from "../helpers/tmp.ts";
import { connect, disconnectAll, waitFor } from "./helpers.ts";

const STRACE = "/usr/bin/strace";
const EDITS = 40;
const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "server.ts");
/** The room's update log, as strace -yy -xx names its descriptor (a path printed in hex). */
const LOG = `${[...Buffer.from("/db/doc_updates.db")].map((b) => `\\x${b.toString(16).padStart(2, "0")}`).join("")}>`;

type Started = { pid: number; url: string; origin: string; room: string; cookies: string[] };

/** Bytes a traced call printed (-xx): the start of what it wrote, across the buffers of a writev. */
const bytesOf = (line: string): number[] => [...line.matchAll(/\\x([0-9a-f]{2})/g)].map((m) => Number.parseInt(m[1]!, 16));

/** A WebSocket frame from the server (unmasked, binary) carrying a y-websocket sync update. */
function isRelayedUpdate(bytes: number[]): boolean {
  if (bytes[0] !== 0x82) return false;
  const len = bytes[1]!;
  const at = len < 126 ? 2 : len === 126 ? 4 : 10;
  return bytes[at] === 0x00 && bytes[at + 1] === 0x02;
}

/**
 * Walks the trace in order. A flush strace had to interrupt completes at its "resumed" line and covers
 * the appends made before it started; a write counts from its first line. Every relayed frame must
 * find every append to the log flushed.
 */
function checkFlushOrder(trace: string): { relayed: number; flushes: number; violations: string[] } {
  let appended = 0;
  let synced = 0;
  let flushes = 0;
  let relayed = 0;
  const violations: string[] = [];
  const running = new Map<string, number>();
  for (const raw of trace.split("\n")) {
    const space = raw.indexOf(" ");
    const pid = raw.slice(0, space);
    const line = raw.slice(space + 1).trim();
    if (/^(fdatasync|fsync)\(/.test(line) && line.includes(LOG)) {
      if (line.includes("<unfinished ...>")) running.set(pid, appended);
      else if (line.endsWith("= 0")) {
        synced = Math.max(synced, appended);
        flushes++;
      }
    } else if (/^<\.\.\. (fdatasync|fsync) resumed>/.test(line) && running.has(pid)) {
      if (line.endsWith("= 0")) {
        synced = Math.max(synced, running.get(pid)!);
        flushes++;
      }
      running.delete(pid);
    } else if (/^write\(/.test(line) && line.includes(LOG)) {
      appended++;
    } else if (/^writev?\(\d+<TCP/.test(line) && isRelayedUpdate(bytesOf(line))) {
      relayed++;
      if (synced < appended) violations.push(raw);
    }
  }
  return { relayed, flushes, violations };
}

function startTraced(dataDir: string, traceFile: string): Promise<{ started: Started; exited: Promise<void> }> {
  const trace = ["-f", "-qq", "-yy", "-xx", "-s", "12", "-e", "trace=fdatasync,fsync,write,writev", "-o", traceFile];
  const child = spawn(STRACE, [...trace, process.execPath, "--import", "tsx", fixture, dataDir, "0", "seed"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      const line = out.split("\n")[0];
      if (out.includes("\n") && line) resolve({ started: JSON.parse(line) as Started, exited });
    });
    child.once("exit", (code) => reject(new Error(`traced server exited early (${code})`)));
  });
}

describe("collaboration: flushed to the disk before relayed", () => {
  if (!fs.existsSync(STRACE)) {
    process.stdout.write("flush order under strace: SKIPPED (no strace)\n");
    it("flush order under strace: SKIPPED (no strace)", { skip: "no strace" }, () => {});
    return;
  }

  it("every relayed batch is preceded by an fdatasync of the log it was appended to", async () => {
    const dataDir = tempDir("carnet-flush-");
    const traceFile = path.join(tempDir("carnet-trace-"), "strace.txt");
    const { started, exited } = await startTraced(dataDir, traceFile);
    const writer = connect(started.url, started.room, started.cookies[0]!, started.origin);
    const observer = connect(started.url, started.room, started.cookies[1]!, started.origin);
    try {
      await Promise.all([writer.synced, observer.synced]);
      // One edit at a time, each seen before the next: every one is its own batch, its own relay.
      for (let i = 0; i < EDITS; i++) {
        writer.text.insert(writer.text.length, `<${i}>`);
        const expected = writer.text.toString();
        await waitFor(() => observer.text.toString() === expected, `edit ${i} relayed`);
      }
    } finally {
      disconnectAll([writer, observer]);
      process.kill(started.pid, "SIGKILL");
      await exited;
    }
    if (process.env.KEEP_TRACE) fs.copyFileSync(traceFile, process.env.KEEP_TRACE);
    const result = checkFlushOrder(fs.readFileSync(traceFile, "utf8"));
    assert.ok(result.relayed >= EDITS, `relayed frames seen in the trace: ${result.relayed}`);
    assert.ok(result.flushes >= EDITS, `log flushes seen in the trace: ${result.flushes}`);
    assert.deepEqual(result.violations, [], "relayed before the log was flushed");
  });
});
