// Builds the workspace client before `npm start` when its bundle is missing or older than its sources.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const bundle = "client/dist/index.html";

function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "dist" || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

const stale = !fs.existsSync(bundle) || Math.max(newest("client"), newest("i18n")) > fs.statSync(bundle).mtimeMs;
if (stale) {
  process.stdout.write("Construction de l'atelier (client)…\n");
  const result = spawnSync("npx", ["vite", "build", "--config", "client/vite.config.ts", "--logLevel", "warn"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
