// Builds the workspace client before `npm start` when its bundle is missing or older than its sources.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { newest } from "./newest.mjs";

const bundle = "client/dist/index.html";

const stale = !fs.existsSync(bundle) || Math.max(newest("client"), newest("i18n")) > fs.statSync(bundle).mtimeMs;
if (stale) {
  process.stdout.write("Construction de l'atelier (client)…\n");
  const result = spawnSync("npx", ["vite", "build", "--config", "client/vite.config.ts", "--logLevel", "warn"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
