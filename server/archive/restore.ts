// Restores a checked instance archive into an empty store: all of it, or nothing.
import { conflict } from "../errors.ts";
import type { Store } from "../store/types.ts";
import { INSTANCE_COLLECTIONS } from "./format.ts";
import { archiveMedia } from "./media.ts";
import type { ArchiveContent } from "./read.ts";

export async function restoreArchive(store: Store, dataDir: string, content: ArchiveContent): Promise<Record<string, number>> {
  const schema = await store.schemaVersion();
  if (schema !== content.manifest.schemaVersion)
    throw conflict("schema_mismatch", `L'archive vient du schéma ${content.manifest.schemaVersion}, ce stockage est au schéma ${schema}.`);
  const media = archiveMedia(store, dataDir);
  for (const name of [...INSTANCE_COLLECTIONS, "sessions"])
    if ((await store.collection(name).count({})) > 0)
      throw conflict("store_not_empty", `Le stockage n'est pas vide (collection « ${name} ») : la restauration se fait dans un stockage neuf.`);
  if ((await media.names()).length > 0) throw conflict("store_not_empty", "Le stockage a déjà des images : la restauration se fait dans un stockage neuf.");
  const counts: Record<string, number> = {};
  try {
    for (const [name, docs] of content.data) {
      const collection = store.collection(name);
      for (const doc of docs) await collection.insertOne(doc);
      counts[name] = docs.length;
    }
    for (const [name, bytes] of content.media) await media.write(name, Buffer.from(bytes));
  } catch (error) {
    // The store was empty: emptying what was written leaves it as it was.
    for (const name of INSTANCE_COLLECTIONS) await store.collection(name).deleteMany({});
    throw error;
  }
  return { ...counts, media: content.media.size };
}
