// Kill the sender (SIGKILL) after about half of 200 announcements, restart it: each subscriber has exactly one message.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { buildEpisodeRecord, buildProgramme } from "../helpers/factories.ts";
import { startTestServer } from "../helpers/server.ts";
import { tempDir } from "../helpers/tmp.ts";
import { activeSubscriber } from "./seed.ts";
import { startSmtp } from "./smtp.ts";

const FIXTURE = path.join(import.meta.dirname, "fixtures", "sender.ts");
const SUBSCRIBERS = 200;
const KILL_AT = 100;

function sender(args: string[]): { child: ChildProcess; said: (line: string) => Promise<void>; exited: Promise<unknown> } {
  const child = spawn(process.execPath, ["--import", "tsx", FIXTURE, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  const waiting: { line: string; resolve: () => void }[] = [];
  child.stdout!.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of waiting) if (out.includes(`${w.line}\n`)) w.resolve();
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return {
    child,
    exited,
    said: (line) =>
      new Promise<void>((resolve, reject) => {
        if (out.includes(`${line}\n`)) return resolve();
        waiting.push({ line, resolve });
        void exited.then(() => reject(new Error(`le processus s'est arrêté avant « ${line} »`)));
      }),
  };
}

test("SIGKILL in the middle of 200 sends, then restart: exactly one message per subscriber", { timeout: 120_000 }, async () => {
  const dataDir = tempDir();
  // Seed the data folder, then let it go: the embedded store belongs to one process at a time.
  const seed = await startTestServer({ dataDir, attach: [] });
  const programme = await buildProgramme(seed.ctx, { slug: "relance", title: "Relance" });
  const emails = Array.from({ length: SUBSCRIBERS }, (_, i) => `lecteur${String(i).padStart(3, "0")}@example.org`);
  for (const email of emails) await activeSubscriber(seed.ctx, email, programme._id);
  const at = new Date();
  const episode = await buildEpisodeRecord(seed.ctx, programme._id, { status: "published", number: 1, firstPublishedAt: at, lastPublishedAt: at });
  await seed.close();

  let first: ReturnType<typeof sender> | undefined;
  let restarted = false;
  // The kill lands while message #100 is on the wire and not yet accepted: the sender dies mid-send.
  const smtp = await startSmtp({
    verdict: (n) => {
      if (restarted || n < KILL_AT) return null;
      if (n === KILL_AT) first?.child.kill("SIGKILL");
      return "hold";
    },
  });
  try {
    const args = [dataDir, smtp.url, episode._id, programme._id, "1"];
    first = sender(args);
    const killed = await first.exited;
    assert.equal(killed, null, "the first sender was killed, not finished");
    assert.equal(smtp.received.length, KILL_AT - 1);

    restarted = true;
    const second = sender(args);
    await second.said("drained");
    second.child.kill("SIGTERM");
    await second.exited;
    assert.equal(smtp.received.length, SUBSCRIBERS);
    for (const email of emails) assert.equal(smtp.to(email).length, 1, email);
    assert.equal(new Set(smtp.received.map((m) => m.messageId)).size, SUBSCRIBERS);
  } finally {
    await smtp.close();
  }
});
