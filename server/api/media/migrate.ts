// Copies the images of a single-instance deployment (DATA_DIR/media) into the database's file bucket, once per name.
import fs from "node:fs/promises";
import path from "node:path";
import type { FileBucket } from "../../store/types.ts";
import { SAFE_NAME } from "./store.ts";

export type MediaMigration = { copied: string[]; present: string[]; ignored: string[] };

/** Idempotent: a name already in the bucket holds the same bytes (names carry a content hash), so it is left alone. */
export async function migrateMediaFolder(dir: string, bucket: FileBucket): Promise<MediaMigration> {
  const result: MediaMigration = { copied: [], present: [], ignored: [] };
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    // Only what the folder store wrote and serves: not its half-written temporaries, nor anything put there by hand.
    if (!entry.isFile() || !SAFE_NAME.test(entry.name)) {
      result.ignored.push(entry.name);
      continue;
    }
    if (await bucket.get(entry.name)) {
      result.present.push(entry.name);
      continue;
    }
    await bucket.put(entry.name, await fs.readFile(path.join(dir, entry.name)));
    result.copied.push(entry.name);
  }
  return result;
}
