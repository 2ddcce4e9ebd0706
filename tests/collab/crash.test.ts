// kill -9 the server while 10 clients edit: whatever a client had received from another survives the restart, once.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type * as Y from "yjs";
import { seededRandom, testSeed } from "../helpers/seed.ts";
import { freePort } from "../helpers/server.ts";
import { tempDir } from "../helpers/tmp.ts";
import { type Client, connect, disconnectAll, waitFor } from "./helpers.ts";

const ITERATIONS = Number(process.env.CRASH_ITERATIONS ?? 3);
const CLIENTS = 10;
const random = seededRandom(testSeed("collab crash"));
const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "server.ts");

type Started = { child: ChildProcess; url: string; origin: string; room?: string; cookies?: string[] };

function startChild(dataDir: string, port: number, seed: boolean): Promise<Started> {
  const child = spawn(process.execPath, ["--import", "tsx", fixture, dataDir, String(port), ...(seed ? ["seed"] : [])], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      const line = out.split("\n")[0];
      if (out.includes("\n") && line) resolve({ child, ...JSON.parse(line) });
    });
    child.once("exit", (code) => reject(new Error(`server exited early (${code})`)));
  });
}

const tokens = (text: string): string[] => text.match(/<\d+:\d+>/g) ?? [];

/** Inserts a token at a token boundary, so tokens never split each other. */
function insertToken(text: Y.Text, token: string): void {
  const s = text.toString();
  const bounds = [0];
  for (let i = s.indexOf(">"); i !== -1; i = s.indexOf(">", i + 1)) bounds.push(i + 1);
  text.insert(bounds[Math.floor(random() * bounds.length)]!, token);
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

describe("collaboration: crash safety", () => {
  for (let iteration = 1; iteration <= ITERATIONS; iteration++) {
    it(`iteration ${iteration}: nothing seen by another client is lost, nothing is doubled`, async () => {
      const dataDir = tempDir("carnet-crash-");
      const port = await freePort();
      let server = await startChild(dataDir, port, true);
      const { room, cookies, origin } = server as Required<Started>;
      const clients: Client[] = [];
      const timers: NodeJS.Timeout[] = [];
      try {
        for (let i = 0; i < CLIENTS; i++) clients.push(connect(server.url, room, cookies[i % cookies.length]!, origin));
        await Promise.all(clients.map((c) => c.synced));
        const written = clients.map(() => 0);
        for (const [i, c] of clients.entries())
          timers.push(setInterval(() => insertToken(c.text, `<${i}:${written[i]!++}>`), 2 + Math.floor(random() * 6)));
        await new Promise((r) => setTimeout(r, 150 + random() * 500));
        server.child.kill("SIGKILL");
        await killed(server.child);
        for (const t of timers) clearInterval(t);
        // Stop reconnect attempts so the restarted store is checked on its own first.
        for (const c of clients) c.provider.disconnect();
        const required = new Set<string>();
        for (const [i, c] of clients.entries())
          for (const t of tokens(c.text.toString())) if (!t.startsWith(`<${i}:`)) required.add(t);
        assert.ok(required.size > 0, "clients exchanged edits before the kill");

        server = await startChild(dataDir, port, false);
        const fresh = connect(server.url, room, cookies[0]!, origin);
        try {
          await fresh.synced;
          const restarted = tokens(fresh.text.toString());
          const missing = [...required].filter((t) => !restarted.includes(t));
          assert.deepEqual(missing, [], "every update another client had seen is in the restarted document");
          assert.equal(new Set(restarted).size, restarted.length, "no text appears twice");

          // The old clients reconnect and push what the server never acknowledged: still no doubles.
          for (const c of clients) c.provider.connect();
          const all = [...clients, fresh];
          const expected = written.reduce((a, b) => a + b, 0);
          await waitFor(
            () => all.every((c) => tokens(c.text.toString()).length === expected),
            "every client converges after reconnecting",
            20_000,
          );
          const final = fresh.text.toString();
          for (const c of all) assert.equal(c.text.toString(), final);
          assert.equal(new Set(tokens(final)).size, expected);
        } finally {
          disconnectAll([fresh]);
        }
      } finally {
        for (const t of timers) clearInterval(t);
        disconnectAll(clients);
        server.child.kill("SIGKILL");
        await killed(server.child);
      }
    });
  }
});
