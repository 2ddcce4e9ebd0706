// Runs `carnet export` / `carnet import` as an admin does, on a data folder's own store (embedded or MongoDB).
import { execFile } from "node:child_process";
import path from "node:path";
import { storeEnv } from "../helpers/engine.ts";

const MAIN = path.resolve(import.meta.dirname, "../../server/cli/main.ts");

export type CliRun = { code: number; stdout: string; stderr: string; ms: number };

export function carnet(dataDir: string, args: string[]): Promise<CliRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", MAIN, ...args],
      { env: { ...process.env, MONGODB_URL: "", DATA_DIR: dataDir, LOG_LEVEL: "silent", ...storeEnv(dataDir) }, timeout: 240_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr, ms: Math.round(performance.now() - started) }),
    );
  });
}
