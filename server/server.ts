// Starts Carnet: opens the store, builds the app, listens, and shuts down gracefully.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Attach, Attachment } from "./attach.ts";
import { createApp } from "./app.ts";
import type { Config } from "./config.ts";
import { type Context, createContext } from "./context.ts";
import type { Logger } from "./log.ts";
import { takeInstanceLease } from "./store/instanceLease.ts";
import { openStore } from "./store/open.ts";
import { defaultAttachments } from "./attachments.ts";
import type { Bus } from "./cluster/bus.ts";

export type RunningServer = {
  ctx: Context;
  server: http.Server;
  url: string;
  /** Stops accepting, finishes in-flight work, flushes and closes the store. */
  close(): Promise<void>;
};

export async function startServer(
  config: Config,
  log: Logger,
  attach: Attach[] = defaultAttachments,
): Promise<RunningServer> {
  const store = await openStore({ dataDir: config.dataDir, mongodbUrl: config.mongodbUrl });
  let bus: Bus | undefined;
  let stopListening = async () => {};
  // The embedded store has its folder lock; a shared database without Redis gets one instance at a time.
  const lease =
    store.engine === "mongodb" && !config.redisUrl
      ? await takeInstanceLease(store).catch(async (error) => {
          await store.close();
          throw error;
        })
      : null;
  const ctx = await (async () => {
    // The Redis client (~13 MiB resident) is loaded only by instances that have other instances.
    if (config.redisUrl) {
      const { redisBus } = await import("./cluster/redisBus.ts");
      bus = await redisBus(config.redisUrl, (error) => log.warn({ err: error }, "redis : erreur"));
    }
    const built = createContext(config, store, log, bus);
    stopListening = await built.events.listenToOtherInstances((error) => log.warn({ err: error }, "événement illisible"));
    return built;
  })().catch(async (error) => {
    await bus?.close().catch(() => {});
    await store.close();
    throw error;
  });
  const app = createApp(ctx);
  const server = http.createServer(app);
  server.keepAliveTimeout = 65_000;
  const attachments: Attachment[] = [];
  try {
    for (const a of attach) attachments.push(await a(ctx, server));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (error) {
    for (const a of attachments.reverse()) await a.close();
    await stopListening();
    await bus?.close();
    await lease?.release();
    await store.close();
    throw error;
  }
  // The search index is built now, not by the first reader; a failure leaves it to be built on the next search.
  ctx.services.search.warm().catch((err: unknown) => log.warn({ err }, "search index not built at start"));
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    ctx,
    server,
    url: `http://${host === "0.0.0.0" ? "localhost" : host}:${address.port}`,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        for (const a of [...attachments].reverse()) await a.close();
        // Requests in flight when closing began have had the drain to finish; a connection a balancer keeps
        // alive would otherwise hold the close until its keep-alive timeout (65 s).
        server.closeIdleConnections();
        await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
        server.closeAllConnections();
        await stopped;
        ctx.mailer.close();
        await stopListening();
        await bus?.close();
        await lease?.release();
        await store.close();
      })();
      return closing;
    },
  };
}
