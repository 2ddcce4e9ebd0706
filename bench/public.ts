// Measures the public episode page against express.static serving the same bytes; writes bench/results/public.json.
import { fork } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

type Result = { requests: { average: number }; latency: { p99: number; average: number }; non2xx: number; errors: number };
type Run = (opts: { url: string; connections: number; duration: number; pipelining?: number }) => Promise<Result>;
const autocannon = createRequire(import.meta.url)("autocannon") as Run;

const CONNECTIONS = 50;
const DURATION = Number(process.env.BENCH_DURATION ?? 10);

type Ready = { url: string; page: string; journal: string; statik: string; bytes: number };

// The server runs in its own process so the load generator does not share its event loop.
const child = fork(path.join(import.meta.dirname, "fixtures/public-server.ts"), [], {
  execArgv: ["--import", "tsx"],
  env: { ...process.env, NODE_ENV: "production", SESSION_SECRET: "x".repeat(40), PUBLIC_URL: "http://carnet.test" },
});
const ready = await new Promise<Ready>((resolve, reject) => {
  child.once("message", (m) => resolve(m as Ready));
  child.once("exit", (code) => reject(new Error(`le serveur de mesure s'est arrêté (${code})`)));
});

async function measure(label: string, url: string): Promise<Result> {
  await autocannon({ url, connections: CONNECTIONS, duration: 2 }); // warm-up
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION });
  if (result.non2xx || result.errors) throw new Error(`${label} : ${result.non2xx} réponses non 2xx, ${result.errors} erreurs`);
  console.log(`${label.padEnd(24)} ${result.requests.average.toFixed(0).padStart(7)} req/s   p99 ${result.latency.p99} ms`);
  return result;
}

try {
  console.log(`Page d'épisode de ${ready.bytes} octets, ${CONNECTIONS} connexions, ${DURATION} s chacune (loopback)`);
  const page = await measure("page d'épisode", ready.url + ready.page);
  const statik = await measure("express.static", ready.url + ready.statik);
  // For diagnosis: a page whose slot nobody fills yet, so only this layer's cost shows.
  const journal = await measure("page de programme", ready.url + ready.journal);
  const ratio = page.requests.average / statik.requests.average;
  console.log(`ratio page / statique : ${ratio.toFixed(2)} (objectif ≥ 0,80)`);
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    connections: CONNECTIONS,
    durationSeconds: DURATION,
    bytes: ready.bytes,
    episodePage: { requestsPerSecond: page.requests.average, p99Ms: page.latency.p99, meanMs: page.latency.average },
    staticFile: { requestsPerSecond: statik.requests.average, p99Ms: statik.latency.p99, meanMs: statik.latency.average },
    programmePage: { requestsPerSecond: journal.requests.average, p99Ms: journal.latency.p99 },
    ratio: Number(ratio.toFixed(3)),
    target: 0.8,
    met: ratio >= 0.8,
  };
  const out = path.join(import.meta.dirname, "results/public.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`écrit ${path.relative(process.cwd(), out)}`);
} finally {
  child.send("stop");
}
