// Idle memory and start-up time of a production instance with the demo data: compiled as `npm start` and the image run it, and the sources under tsx.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const IDLE_MS = 3_000;
const TARGET_MIB = 100;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode})`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

const rssMiB = (pid: number): number => {
  const line = fs.readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
  return Number(line?.[1] ?? 0) / 1024;
};

/** Starts `args` on `dataDir`, times it until /healthz answers, reads a page or two, idles, reads its RSS. */
async function measure(args: string[], dataDir: string, env: Record<string, string>) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", ...env },
  });
  try {
    await waitHealthy(url, child);
    const startupMs = performance.now() - t0;
    for (const page of ["/", "/feed.atom", "/sitemap.xml"]) await (await fetch(`${url}${page}`)).arrayBuffer();
    await new Promise((r) => setTimeout(r, IDLE_MS));
    return { startupMs, rssMiB: rssMiB(child.pid!) };
  } finally {
    await stop(child);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const built = spawnSync(process.execPath, ["scripts/build-server.mjs"], { cwd: root, stdio: "inherit" });
  if (built.status !== 0) throw new Error("server build failed");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "carnet-rest-"));
  try {
    // The demo is seeded by a development start (production never seeds), then served in production.
    await measure(["--import", "tsx", "server/main.ts"], dataDir, { NODE_ENV: "development" });
    const production = { NODE_ENV: "production", SESSION_SECRET: "bench-secret-bench-secret-bench-secret", PUBLIC_URL: "http://carnet.bench" };
    const runs: Record<"compiled" | "tsx", { startupMs: number; rssMiB: number }[]> = { compiled: [], tsx: [] };
    for (let round = 0; round < ROUNDS; round++) {
      runs.compiled.push(await measure(["--max-semi-space-size=4", "dist/server/main.js"], dataDir, production));
      runs.tsx.push(await measure(["--import", "tsx", "server/main.ts"], dataDir, production));
    }
    const summary = (r: { startupMs: number; rssMiB: number }[]) => ({
      startupMs: Math.round(median(r.map((x) => x.startupMs))),
      idleRssMiB: Math.round(median(r.map((x) => x.rssMiB)) * 10) / 10,
    });
    const result = {
      rounds: ROUNDS,
      compiled: summary(runs.compiled),
      sourcesUnderTsx: summary(runs.tsx),
      targetIdleRssMiB: TARGET_MIB,
      machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg() },
      at: new Date().toISOString(),
    };
    fs.mkdirSync(path.join(root, "bench", "results"), { recursive: true });
    fs.writeFileSync(path.join(root, "bench", "results", "rest.json"), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(result.compiled.idleRssMiB <= TARGET_MIB ? "Target met.\n" : "Target NOT met.\n");
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
