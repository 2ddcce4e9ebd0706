// Opens the configured engine (MongoDB when a URL is given, embedded otherwise) and migrates it.
import { openEmbeddedStore } from "./embedded.ts";
import { migrate, migrations as defaultMigrations } from "./migrations.ts";
import { collections as defaultCollections } from "./schema.ts";
import type { CollectionSpec, Migration, Store } from "./types.ts";

export type StoreOptions = {
  dataDir: string;
  mongodbUrl?: string | undefined;
  collections?: CollectionSpec[];
  migrations?: Migration[];
};

export async function openStore(options: StoreOptions): Promise<Store> {
  const specs = options.collections ?? defaultCollections;
  const store = options.mongodbUrl
    ? // The driver (~25 MiB) is loaded only by instances that use it.
      await (await import("./mongo.ts")).openMongoStore(options.mongodbUrl, specs)
    : await openEmbeddedStore(options.dataDir, specs);
  try {
    await migrate(store, options.migrations ?? defaultMigrations);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
