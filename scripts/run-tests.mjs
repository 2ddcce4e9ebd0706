// Runs every tests/**/*.test.ts with Node's test runner, after making sure a Chromium is there.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

function findTests(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "fixtures" ? [] : findTests(full);
    return entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

function ensureChromium() {
  const candidate = process.env.CHROME_PATH || "/usr/bin/chromium";
  if (fs.existsSync(candidate)) return candidate;
  if (process.getuid?.() === 0) {
    process.stdout.write("Chromium manque : installation par apt-get (Debian)…\n");
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (fs.existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  }
  process.stderr.write(
    "Les tests navigateur ont besoin de Chromium : installez-le (sudo apt-get install -y chromium) ou indiquez son chemin dans CHROME_PATH.\n",
  );
  process.exit(1);
}

const only = process.argv.slice(2);
const files = (only.length ? only : findTests("tests")).sort();
process.env.CHROME_PATH = ensureChromium();
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=2", ...files],
  { stdio: "inherit", env: { ...process.env, NODE_ENV: "test" } },
);
process.exit(result.status ?? 1);
