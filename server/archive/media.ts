// The images an archive carries: listed, read and written where the instance keeps them (DATA_DIR/media or GridFS).
import fs from "node:fs/promises";
import path from "node:path";
import { bucketMediaStore, fileMediaStore, SAFE_NAME } from "../api/media/store.ts";
import type { Store } from "../store/types.ts";

export type ArchiveMedia = {
  names(): Promise<string[]>;
  read(name: string): Promise<Buffer | null>;
  write(name: string, bytes: Buffer): Promise<void>;
};

export function archiveMedia(store: Store, dataDir: string): ArchiveMedia {
  if (store.bucket) {
    const bucket = store.bucket("media");
    const media = bucketMediaStore(bucket);
    return {
      names: () => bucket.names(),
      read: async (name) => (await bucket.get(name))?.bytes ?? null,
      write: async (name, bytes) => void (await media.put(name, bytes)),
    };
  }
  const dir = path.join(dataDir, "media");
  const media = fileMediaStore(dir);
  return {
    async names() {
      const entries = await fs.readdir(dir).catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return [] as string[];
        throw error;
      });
      return entries.filter((n) => SAFE_NAME.test(n)).sort();
    },
    read: (name) => (SAFE_NAME.test(name) ? fs.readFile(path.join(dir, name)) : Promise.resolve(null)),
    write: async (name, bytes) => void (await media.put(name, bytes)),
  };
}
