// Runs every tests/**/*.test.ts with Node's test runner (Chromium ensured), then the storage suites again on the MongoDB engine.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { FERRETDB_VERSION, startServices, stopServices } from "./services.mjs";

/** The suites that touch storage: they run a second time with every test server on its own MongoDB database. */
const MONGODB_SUITES = [
  "tests/contract/mongodb.test.ts",
  "tests/contract/journaled.test.ts",
  "tests/contract/doc-locks.test.ts",
  "tests/foundation/instances.test.ts",
  "tests/api/session.test.ts",
  "tests/api/users.test.ts",
  "tests/api/media.test.ts",
  "tests/episodes/lifecycle.test.ts",
  "tests/episodes/numbering.test.ts",
  "tests/episodes/next-number.test.ts",
  "tests/collab/sync.test.ts",
  "tests/collab/docs.test.ts",
  "tests/collab/crash.test.ts",
  "tests/comments/api.test.ts",
  "tests/comments/notifications.test.ts",
  "tests/subscriptions/optin.test.ts",
  "tests/subscriptions/announce.test.ts",
  "tests/subscriptions/unsubscribe.test.ts",
  "tests/subscriptions/crash.test.ts",
  "tests/subscriptions/lease-loss.test.ts",
  "tests/reviewMarks/request-retry.test.ts",
  "tests/schedule/api.test.ts",
  "tests/schedule/restart.test.ts",
  "tests/schedule/instances.test.ts",
  "tests/reviewMarks/marks.test.ts",
  "tests/reviewMarks/requests.test.ts",
  "tests/review/api.test.ts",
  "tests/collab/meta.test.ts",
  "tests/archive/roundtrip.test.ts",
  "tests/archive/bad-archives.test.ts",
  "tests/wordpress/import.test.ts",
  "tests/api/media-migrate.test.ts",
  "tests/subscriptions/lease.test.ts",
  "tests/search/search.test.ts",
  // suggestions (issue 20)
  "tests/review/suggestions-api.test.ts",
  "tests/collab/update-guard.test.ts",
  // mentions and proposal outcomes through the mail queue
  "tests/review/mail-retry.test.ts",
  // a programme archive's update logs (issue 21)
  "tests/archive/programme-logs.test.ts",
  // a client's update stored as sent, or only its part that applied (issue 21)
  "tests/collab/hardening.test.ts",
  // a returning client's edits wait for its sync answer (issue 15)
  "tests/collab/returning.test.ts",
];

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

function runTests(files, env) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=2", ...files], {
    stdio: "inherit",
    env: { ...env, NODE_ENV: "test" },
  });
  return result.status ?? 1;
}

/** A MongoDB-wire server: the one given in MONGODB_URL, or FerretDB started here (built once if Go is there). */
async function mongodbServer() {
  if (process.env.MONGODB_URL) return { url: process.env.MONGODB_URL, name: process.env.MONGODB_URL, stop: () => {} };
  const services = await startServices({ redis: false });
  if (!services.mongodbUrl) {
    stopServices(services.dir);
    return null;
  }
  return { url: services.mongodbUrl, name: `FerretDB ${FERRETDB_VERSION} on SQLite`, stop: () => stopServices(services.dir) };
}

const only = process.argv.slice(2).map((f) => path.relative(".", f));
const files = (only.length ? only : findTests("tests")).sort();
const onMongodb = files.filter((f) => MONGODB_SUITES.includes(f));
process.env.CHROME_PATH = ensureChromium();
// REDIS_URL too (CI exports both): a server spawned with the environment must stay one instance; the cluster suites start their own.
const { MONGODB_URL: _mongodbUrl, REDIS_URL: _redisUrl, ...embeddedEnv } = process.env;
/** Suites about the MongoDB engine alone: with a second pass coming, the embedded pass leaves them to it. */
const MONGODB_ONLY = ["tests/contract/mongodb.test.ts", "tests/contract/journaled.test.ts", "tests/schedule/instances.test.ts", "tests/contract/doc-locks.test.ts"];
const embeddedFiles = files.filter((f) => !(onMongodb.length && MONGODB_ONLY.includes(f)));
let status = embeddedFiles.length ? runTests(embeddedFiles, embeddedEnv) : 0;
if (onMongodb.length) {
  const server = await mongodbServer();
  if (server) {
    process.stdout.write(`MongoDB engine suites: ${onMongodb.length} files on ${server.name}\n`);
    const started = Date.now();
    try {
      status = runTests(onMongodb, { ...embeddedEnv, MONGODB_URL: server.url }) || status;
    } finally {
      server.stop();
    }
    process.stdout.write(`MongoDB engine suites: done in ${Math.round((Date.now() - started) / 1000)} s\n`);
  } else if (process.env.CARNET_REQUIRE_MONGODB) {
    process.stderr.write("MongoDB engine suites: no MongoDB-compatible server, and CARNET_REQUIRE_MONGODB is set (CI)\n");
    status = 1;
  } else {
    process.stdout.write("MongoDB engine suites: SKIPPED (no MongoDB-compatible server)\n");
  }
}
process.exit(status);
