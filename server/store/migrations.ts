// Schema versions and the forward migrations that bring an older data folder up to date.
import type { Migration, Store } from "./types.ts";

export const migrations: Migration[] = [
  { version: 1, description: "initial collections and indexes", up: async () => {} },
  {
    version: 2,
    description: "comments know their audience; those written before are public",
    up: async (store) => {
      await store.collection("comments").updateMany({ audience: { $exists: false } }, { $set: { audience: "public" } });
    },
  },
  {
    version: 3,
    description: "programmes and episodes have themes; none before",
    up: async (store) => {
      await store.collection("programmes").updateMany({ themes: { $exists: false } }, { $set: { themes: [] } });
      await store.collection("episodes").updateMany({ themes: { $exists: false } }, { $set: { themes: [] } });
    },
  },
];

export class SchemaTooNewError extends Error {}

/** Runs every migration newer than the stored version, recording each step as it completes. */
export async function migrate(store: Store, list: Migration[] = migrations): Promise<number> {
  const meta = store.collection<{ _id: string; version: number; migratedAt: Date }>("meta");
  const current = await store.schemaVersion();
  const latest = list.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > latest)
    throw new SchemaTooNewError(
      `Les données sont au schéma ${current}, plus récent que celui de ce Carnet (${latest}) : mettez Carnet à jour.`,
    );
  for (const migration of [...list].sort((a, b) => a.version - b.version)) {
    if (migration.version <= current) continue;
    await migration.up(store);
    await meta.findOneAndUpdate(
      { _id: "schema" },
      { $set: { version: migration.version, migratedAt: new Date() } },
      { upsert: true },
    );
  }
  return latest;
}
