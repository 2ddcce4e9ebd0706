// Two server processes on the same MongoDB store, both sweeping: each scheduled episode is published once, numbered once, mailed once.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { startServices, stopServices } from "../../scripts/services.mjs";
import { loadConfig } from "../../server/config.ts";
import { createContext } from "../../server/context.ts";
import { createLogger } from "../../server/log.ts";
import { newId } from "../../server/store/ids.ts";
import { openStore } from "../../server/store/open.ts";
import { buildEpisode } from "../helpers/episodes.ts";
import { eventually } from "../helpers/eventually.ts";
import { buildCast } from "../helpers/factories.ts";
import { tempDir } from "../helpers/tmp.ts";
import { activeSubscriber, drained } from "../subscriptions/seed.ts";
import { startSmtp } from "../subscriptions/smtp.ts";
import { parisIn, writeBody } from "./setup.ts";

const FIXTURE = path.join(import.meta.dirname, "fixtures", "instance.ts");
const EPISODES = 8;
const SUBSCRIBERS = ["un@example.org", "deux@example.org", "trois@example.org"];
const HOUR_MS = 3_600_000;

function instance(args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", FIXTURE, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const started = new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("started\n")) resolve();
    });
    void exited.then(() => reject(new Error("l'instance s'est arrêtée avant de démarrer")));
  });
  return { child, exited, started };
}

const services = await startServices();
const mongodbUrl = process.env.MONGODB_URL ?? services.mongodbUrl;

test("two instances sweeping the same schedules: exactly one publication, one number, one e-mail per subscriber", { timeout: 120_000 }, async (t) => {
  if (!mongodbUrl || !services.redisUrl) {
    stopServices(services.dir);
    // Without FerretDB and redis-server, two instances cannot share a store here; CI has both.
    if (process.env.CARNET_REQUIRE_MONGODB) throw new Error("two instances need a MongoDB-compatible server and Redis");
    t.diagnostic("SKIPPED: no MongoDB-compatible server or no redis-server");
    return;
  }
  const db = new URL(mongodbUrl);
  db.pathname = `/sched_${newId()}`;
  const config = loadConfig({ NODE_ENV: "test", PORT: "0", DATA_DIR: tempDir(), PUBLIC_URL: "http://carnet.test", MONGODB_URL: db.toString() });
  const store = await openStore({ dataDir: config.dataDir, mongodbUrl: config.mongodbUrl });
  const ctx = createContext(config, store, createLogger({ level: "silent", pretty: false }));
  const smtp = await startSmtp();
  const instances: ReturnType<typeof instance>[] = [];
  try {
    const cast = await buildCast(ctx);
    for (const email of SUBSCRIBERS) await activeSubscriber(ctx, email, cast.programme._id);
    const ids: string[] = [];
    for (let i = 0; i < EPISODES; i++) {
      const episode = await buildEpisode(ctx, cast.programme._id, cast.users.editor._id, i % 2 ? "review" : "draft");
      await writeBody(ctx, episode._id, `Épisode programmé ${i}.`);
      await ctx.services.schedules.schedule(episode, parisIn(1), cast.users.editor._id);
      ids.push(episode._id);
    }
    // Both start with every schedule already due to their clocks, so both sweep them at once.
    const args = [db.toString(), services.redisUrl, smtp.url, String(2 * HOUR_MS)];
    instances.push(instance(args), instance(args));
    await Promise.all(instances.map((i) => i.started));
    for (const id of ids) await eventually("publié", async () => (await ctx.repos.episodes.byId(id))?.status === "published");
    for (const id of ids) await drained(ctx, id);

    const numbers = await Promise.all(ids.map(async (id) => (await ctx.repos.episodes.byId(id))!.number!));
    assert.deepEqual(numbers.sort((x, y) => x - y), Array.from({ length: EPISODES }, (_, i) => i + 1), "one number each, none skipped");
    for (const id of ids) assert.equal((await ctx.repos.revisions.forEpisode(id)).length, 1, "one publication each");
    assert.equal(await ctx.repos.episodes.peekNextNumber(cast.programme._id), EPISODES + 1, "no number spent twice");
    for (const email of SUBSCRIBERS) assert.equal(smtp.to(email).length, EPISODES, `${email}: one e-mail per episode`);
    // The schedule is closed a moment after the episode turns published.
    for (const id of ids) await eventually("programmation close", async () => (await ctx.repos.schedules.byId(id)) === null);
  } finally {
    for (const i of instances) i.child.kill("SIGTERM");
    await Promise.all(instances.map((i) => i.exited));
    await smtp.close();
    await store.close();
    stopServices(services.dir);
  }
});
