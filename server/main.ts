// Entry point of `npm start`: config, logger, store, demo seed on first start, HTTP server, signals.
import type { Attach } from "./attach.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { createLogger } from "./log.ts";
import { defaultAttachments } from "./attachments.ts";
import type { DemoSignIn } from "./seed/seed.ts";
import { startServer } from "./server.ts";
import { StoreLockedError } from "./store/lock.ts";
import { SchemaTooNewError } from "./store/migrations.ts";

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const log = createLogger({ level: config.logLevel, pretty: config.env !== "production" });
  let running: Awaited<ReturnType<typeof startServer>>;
  let signIns: DemoSignIn[] = [];
  try {
    // The demo is seeded before the server listens, so the first visitor already sees it.
    const seeding: Attach = async (ctx) => {
      if (!config.seedDemo) return { close: async () => {} };
      // Loaded only where a demo may be seeded: production never needs the seed nor the editor schema it uses.
      const { seedDemo, storeIsEmpty } = await import("./seed/seed.ts");
      if (await storeIsEmpty(ctx)) signIns = await seedDemo(ctx);
      return { close: async () => {} };
    };
    running = await startServer(config, log, [...defaultAttachments, seeding]);
  } catch (error) {
    if (error instanceof StoreLockedError || error instanceof SchemaTooNewError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      process.stderr.write(`Le port ${config.port} est déjà utilisé : choisissez-en un autre avec PORT=…\n`);
      process.exit(1);
    }
    throw error;
  }
  const shutdown = (signal: string) => {
    log.info({ signal }, "arrêt en cours");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, "arrêt incomplet");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));

  if (signIns.length > 0) {
    process.stdout.write("\nDonnées de démonstration créées. Comptes de démonstration :\n");
    for (const s of signIns) process.stdout.write(`  ${s.name} — ${s.what}\n    ${s.email} / ${s.password}\n`);
    process.stdout.write(`Connexion : ${config.publicUrl}/atelier\n`);
  }

  log.info({ url: config.publicUrl, store: running.ctx.store.engine }, "Carnet est prêt");
  process.stdout.write(`\nCarnet : ${config.publicUrl}\n`);
}

await main();
