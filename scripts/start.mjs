// `npm start`: in production the compiled server (dist/, rebuilt when older than its sources), else the sources through tsx.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { newest } from "./newest.mjs";

const compiled = "dist/server/main.js";
const sources = ["server", "collab", "i18n"].filter((dir) => fs.existsSync(dir));

if (process.env.NODE_ENV === "production") {
  // No TypeScript compiler nor loader in the running server: it holds less memory and starts sooner.
  const stale = !fs.existsSync(compiled) || Math.max(0, ...sources.map(newest)) > fs.statSync(compiled).mtimeMs;
  if (stale) {
    process.stdout.write("Compilation du serveur (dist/)…\n");
    const result = spawnSync(process.execPath, ["scripts/build-server.mjs"], { stdio: "inherit" });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
  await import(`../${compiled}`);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../server/main.ts");
}
