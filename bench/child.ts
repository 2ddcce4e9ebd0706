// Bench servers in child processes: a real Carnet on a data folder, started and stopped by the parent over stdio.
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Child side: a real, quiet Carnet on `dataDir` answering for `origin`, on a free loopback port. */
export async function startCarnet(dataDir: string, origin: string, env: Record<string, string> = {}) {
  const { loadConfig } = await import("../server/config.ts");
  const { createLogger } = await import("../server/log.ts");
  const { startServer } = await import("../server/server.ts");
  const { storeEnv } = await import("../tests/helpers/engine.ts");
  const config = loadConfig({
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    PORT: "0",
    DATA_DIR: dataDir,
    PUBLIC_URL: origin,
    LOG_LEVEL: "silent",
    SEED_DEMO: "never",
    // With MONGODB_URL set, the same run on the MongoDB engine (a database of its own).
    ...storeEnv(dataDir),
    // `bench:collab -- --cluster`: instances on the same database, linked through Redis.
    ...(process.env.BENCH_REDIS_URL ? { REDIS_URL: process.env.BENCH_REDIS_URL } : {}),
    ...env,
  });
  return await startServer(config, createLogger({ level: "silent", pretty: false }));
}

/** Parent side: runs `script` with `args` and resolves with the first JSON line it prints (what it serves). */
export function spawnServer<T>(script: string, args: string[], flags: string[] = []): Promise<{ child: ChildProcess; served: T }> {
  const child = spawn(process.execPath, [...flags, "--import", "tsx", script, ...args], { stdio: ["pipe", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      if (out.includes("\n")) resolve({ child, served: JSON.parse(out.split("\n")[0]!) });
    });
    child.once("exit", (code) => reject(new Error(`server exited (${code})`)));
  });
}

/** Closing its stdin tells the child to stop. */
export function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.stdin!.end();
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function waitHealthy(url: string, child: ChildProcess): Promise<void> {
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

/** The flags `npm start` runs the compiled server with. */
export const COMPILED = ["--max-semi-space-size=2", "dist/server/main.js"];

/**
 * Parent side: the compiled build (`node scripts/build-server.mjs` first) in production, as `NODE_ENV=production
 * npm start` runs it, on `dataDir` and a free port; resolves once it answers. SIGTERM stops it gracefully.
 */
export async function spawnCompiled(dataDir: string, env: Record<string, string>, flags: string[] = []) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...flags, ...COMPILED], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production", DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", ...env },
  });
  await waitHealthy(url, child);
  return { child, url };
}

/** SIGTERM: the graceful stop of a server started as `npm start` starts it. */
export function stopCompiled(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
