// One instance per store without Redis: a second one refuses with a clear message; a dead holder's lease is taken over.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { takeInstanceLease } from "../../server/store/instanceLease.ts";
import { openStore } from "../../server/store/open.ts";
import type { Store } from "../../server/store/types.ts";
import { storeEnv } from "../helpers/engine.ts";
import { startTestServer } from "../helpers/server.ts";
import { tempDir } from "../helpers/tmp.ts";

type LeaseRecord = { _id: string; owner: string; host: string; pid: number; until: Date };
const quick = { leaseMs: 300, renewMs: 60 };

describe("instance lease", () => {
  const stores: Store[] = [];
  const open = async () => {
    const dataDir = tempDir();
    const store = await openStore({ dataDir, mongodbUrl: storeEnv(dataDir).MONGODB_URL });
    stores.push(store);
    return store;
  };
  after(async () => {
    for (const store of stores) await store.close();
  });

  it("refuses a second lease while the first is held, and grants it once released", async () => {
    const store = await open();
    const first = await takeInstanceLease(store, quick);
    await assert.rejects(takeInstanceLease(store, quick), /déjà utilisée par une autre instance de Carnet/);
    await first.release();
    const second = await takeInstanceLease(store, quick);
    await second.release();
  });

  it("refuses a holder on another host that keeps renewing its lease", async () => {
    const store = await open();
    const meta = store.collection<LeaseRecord>("meta");
    await meta.insertOne({ _id: "instance", owner: "elsewhere", host: "autre-hote", pid: 4242, until: new Date(Date.now() + quick.leaseMs) });
    const renewing = setInterval(() => {
      void meta.updateOne({ _id: "instance", owner: "elsewhere" }, { $set: { until: new Date(Date.now() + quick.leaseMs) } });
    }, quick.renewMs);
    try {
      await assert.rejects(takeInstanceLease(store, quick), /hôte autre-hote, pid 4242/);
    } finally {
      clearInterval(renewing);
    }
  });

  it("takes over the lease of a holder on another host that stopped renewing", async () => {
    const store = await open();
    const meta = store.collection<LeaseRecord>("meta");
    await meta.insertOne({ _id: "instance", owner: "gone", host: "autre-hote", pid: 4242, until: new Date(Date.now() + quick.leaseMs) });
    const lease = await takeInstanceLease(store, quick);
    assert.equal((await meta.findOne({ _id: "instance" }))?.pid, process.pid);
    await lease.release();
  });

  it("refuses a second server on the same store (folder lock, or the lease on MongoDB), and starts it after the first stops", async () => {
    const dataDir = tempDir();
    const first = await startTestServer({ dataDir, attach: [] });
    await assert.rejects(
      startTestServer({ dataDir, attach: [] }),
      first.ctx.store.engine === "mongodb" ? /autre instance de Carnet/ : /déjà utilisé par un autre processus Carnet/,
    );
    await first.close();
    const second = await startTestServer({ dataDir, attach: [] });
    await second.close();
  });
});
