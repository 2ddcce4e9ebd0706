// Compiles the server to JavaScript in dist/ (no TypeScript at run time in production) and copies the files it reads.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const result = spawnSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
if (result.status !== 0) process.exit(result.status ?? 1);

/** Files the code opens by its own address (word lists, data): they sit beside the compiled modules. */
function copyAssets(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const from = path.join(dir, entry.name);
    if (entry.isDirectory()) copyAssets(from);
    else if (!entry.name.endsWith(".ts")) {
      fs.mkdirSync(path.join("dist", dir), { recursive: true });
      fs.copyFileSync(from, path.join("dist", from));
    }
  }
}
for (const dir of ["server", "collab", "i18n"]) copyAssets(dir);
