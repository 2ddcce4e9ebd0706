// Several Carnet instances (child processes) on FerretDB and Redis behind Debian's nginx running deploy/nginx.conf, for the cluster suites.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../../server/config.ts";
import { type Context, createContext } from "../../server/context.ts";
import { createLogger } from "../../server/log.ts";
import { openStore } from "../../server/store/open.ts";
import { newId } from "../../server/store/ids.ts";
import { startRedis, startServices, stopRedis, stopServices } from "../../scripts/services.mjs";
import { eventually } from "./eventually.ts";
import { freePort, TEST_ORIGIN } from "./server.ts";
import { tempDir } from "./tmp.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => fs.existsSync(p));

export type Instance = { url: string; port: number; child: ChildProcess; exited: Promise<number | null> };

export type Cluster = {
  /** The balancer's address: what browsers would use. */
  url: string;
  instances: Instance[];
  /** A context on the same database and Redis, for factories and for reading the store. */
  ctx: Context;
  /** Stops instance `index` (SIGTERM drains it, SIGKILL crashes it), starts it again on the same port; resolves to the stopped one's exit code. */
  restart(index: number, signal?: "SIGTERM" | "SIGKILL"): Promise<number | null>;
  /** Kills redis-server and starts it again on the same port (an outage); null when Redis was given by REDIS_URL. */
  redis: { stop(): Promise<void>; start(): Promise<void> } | null;
  /** The upstream address nginx chose for each collaboration socket that has ended, in order. */
  collabUpstreams(): string[];
  close(): Promise<void>;
};

/** Why the cluster cannot run here, or null when FerretDB (or MONGODB_URL), Redis and nginx are all there. */
async function services(): Promise<{ mongodbUrl: string; redisUrl: string; dir?: string; stop(): void } | string> {
  if (!NGINX) return "no nginx";
  if (process.env.MONGODB_URL && process.env.REDIS_URL)
    return { mongodbUrl: process.env.MONGODB_URL, redisUrl: process.env.REDIS_URL, stop: () => {} };
  const started = await startServices();
  if (!started.mongodbUrl || !started.redisUrl) {
    stopServices(started.dir);
    return started.mongodbUrl ? "no redis-server" : "no MongoDB-compatible server (FerretDB needs Go)";
  }
  return { mongodbUrl: started.mongodbUrl, redisUrl: started.redisUrl, dir: started.dir, stop: () => stopServices(started.dir) };
}

/** Starts `count` instances (with `extraEnv`, e.g. SMTP_URL) and nginx over them; a string says why that is impossible here. */
export async function startCluster(count: number, extraEnv: Record<string, string> = {}): Promise<Cluster | string> {
  const found = await services();
  if (typeof found === "string") return found;
  const url = new URL(found.mongodbUrl);
  url.pathname = `/c_${newId()}`;
  const env = {
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    PUBLIC_URL: TEST_ORIGIN,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "warn",
    SEED_DEMO: "never",
    TRUST_PROXY: "loopback",
    MONGODB_URL: url.toString(),
    REDIS_URL: found.redisUrl,
    // One secret for all, as in production: a session cookie signed by one instance is read by all.
    SESSION_SECRET: "cluster-test-secret-cluster-test-secret",
    ...extraEnv,
  };
  const config = loadConfig({ ...env, PORT: "0", DATA_DIR: tempDir() });
  const store = await openStore({ dataDir: config.dataDir, mongodbUrl: config.mongodbUrl });
  const ctx = createContext(config, store, createLogger({ level: "silent", pretty: false }));
  const instances: Instance[] = [];
  const nginxDir = tempDir("carnet-nginx-");
  let nginx: ChildProcess | null = null;
  const close = async () => {
    nginx?.kill("SIGTERM");
    for (const i of instances) i.child.kill("SIGKILL");
    await Promise.all(instances.map((i) => i.exited));
    await store.close();
    found.stop();
  };
  try {
    for (let i = 0; i < count; i++) instances.push(await startInstance({ ...env, DATA_DIR: tempDir() }, await freePort()));
    const port = await freePort();
    fs.writeFileSync(path.join(nginxDir, "nginx.conf"), testNginxConf(port, instances, nginxDir));
    nginx = spawn(NGINX!, ["-p", nginxDir, "-c", path.join(nginxDir, "nginx.conf"), "-g", "daemon off;"], { stdio: "inherit" });
    const balancer = `http://127.0.0.1:${port}`;
    await eventually("nginx écoute", () => fetch(`${balancer}/healthz`).then((r) => r.ok, () => false));
    const collabUpstreams = () =>
      fs
        .readFileSync(path.join(nginxDir, "access.log"), "utf8")
        .split("\n")
        .filter((line) => line.startsWith("/collab/"))
        .map((line) => line.split(" ")[1]!);
    const restart = async (index: number, signal: "SIGTERM" | "SIGKILL" = "SIGTERM") => {
      const old = instances[index]!;
      old.child.kill(signal);
      const code = await old.exited;
      instances[index] = await startInstance({ ...env, DATA_DIR: tempDir() }, old.port);
      return code;
    };
    const { dir } = found;
    const redisPort = Number(new URL(found.redisUrl).port);
    const redis = dir ? { stop: () => stopRedis(dir, redisPort), start: () => startRedis(dir, redisPort) } : null;
    return { url: balancer, instances, ctx, restart, redis, collabUpstreams, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A Carnet instance as `npm start` runs it, in its own process; resolves once /healthz answers. */
export async function startInstance(env: Record<string, string>, port: number): Promise<Instance> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "server/main.ts")], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  // The log's last lines, shown only when the instance exits with an error: a failed drain must say why.
  const tail: string[] = [];
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    tail.push(...chunk.split("\n").filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 40));
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      if (code !== 0 && code !== null) process.stderr.write(`instance :${port} exited ${code}; last log lines:\n${tail.join("\n")}\n`);
      resolve(code);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  // A restart through tsx took 11–31 s on two cores at load 15–18 (issue 15): the bound only catches a hang.
  await eventually(
    `l'instance ${url} répond`,
    async () => {
      if (gone) throw new Error(`l'instance ${url} s'est arrêtée au démarrage`);
      return await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    },
    { timeoutMs: 120_000 },
  );
  return { url, port, child, exited };
}

/** deploy/nginx.conf with these instances as upstreams, on a loopback port, its files in `dir`. */
function testNginxConf(port: number, instances: Instance[], dir: string): string {
  const shipped = fs.readFileSync(path.join(ROOT, "deploy/nginx.conf"), "utf8");
  const servers = instances.map((i) => `    server 127.0.0.1:${i.port};`).join("\n");
  const conf = shipped
    // One worker: round robin then alternates strictly, so consecutive connections land on different instances.
    .replace(/worker_processes [^;]+;/, `worker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log warn;`)
    .replace(/(upstream carnet \{\n)(?:\s*server [^;]+;\n)+/, `$1${servers}\n`)
    .replace(/listen 80;/, `listen 127.0.0.1:${port};`)
    .replace(/http \{\n/, `http {\n  client_body_temp_path ${dir}/body;\n  proxy_temp_path ${dir}/proxy;\n`)
    // Which instance served each request: the tests check that sockets were spread.
    .replace(/access_log off;/, `log_format upstream '$request_uri $upstream_addr';\n  access_log ${dir}/access.log upstream;`);
  if (conf.includes("carnet1:3000") || !conf.includes(`listen 127.0.0.1:${port}`)) throw new Error("deploy/nginx.conf changed shape");
  // As root, nginx's workers would run as nobody and could not use the temporary folder.
  return process.getuid?.() === 0 ? `user root;\n${conf}` : conf;
}
