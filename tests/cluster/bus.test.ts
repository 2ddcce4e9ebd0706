// The Redis bus: messages reach the other instances and never come back, hit windows and claims are shared.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Bus } from "../../server/cluster/bus.ts";
import { redisBus } from "../../server/cluster/redisBus.ts";
import { startServices, stopServices } from "../../scripts/services.mjs";
import { eventually } from "../helpers/eventually.ts";

const services = process.env.REDIS_URL ? null : await startServices();
const url = process.env.REDIS_URL ?? services?.redisUrl;

if (!url) {
  if (services) stopServices(services.dir);
  if (process.env.CARNET_REQUIRE_MONGODB) throw new Error("the Redis bus suite cannot run: no redis-server");
  process.stdout.write("Redis bus suite: SKIPPED (no redis-server)\n");
} else
  describe("Redis bus", () => {
    let a: Bus;
    let b: Bus;
    before(async () => {
      [a, b] = await Promise.all([redisBus(url, () => {}), redisBus(url, () => {})]);
    });
    after(async () => {
      await Promise.all([a.close(), b.close()]);
      if (services) stopServices(services.dir);
    });

    it("delivers a message to the other instances only", async () => {
      const toA: string[] = [];
      const toB: string[] = [];
      const offA = await a.subscribe("t", (m) => toA.push(Buffer.from(m).toString()));
      const offB = await b.subscribe("t", (m) => toB.push(Buffer.from(m).toString()));
      await a.publish("t", Buffer.from("de a"));
      await b.publish("t", Buffer.from("de b"));
      await eventually("chacun reçoit le message de l'autre", () => toA.length === 1 && toB.length === 1);
      assert.deepEqual([toA, toB], [["de b"], ["de a"]]);
      await Promise.all([offA(), offB()]);
    });

    it("shares hit windows, and forgets a key for everyone", async () => {
      const key = `w-${Date.now()}`;
      const t = Date.now();
      await a.hit(key, t - 2000, 60_000);
      await a.hit(key, t, 60_000);
      await b.hit(key, t + 1, 60_000);
      assert.deepEqual(await b.hitsSince(key, t - 1000), [t, t + 1]);
      await b.forget(key);
      assert.deepEqual(await a.hitsSince(key, 0), []);
    });

    it("gives a claim to one instance until it expires", async () => {
      const key = `c-${Date.now()}`;
      const first = await Promise.all([a.claim(key, 200), b.claim(key, 200)]);
      assert.deepEqual(first.sort(), [false, true]);
      await eventually("la revendication expire", () => b.claim(key, 60_000));
      assert.equal(await a.claim(key, 60_000), false);
    });
  });
