// The media store: content-addressed files written once (files under DATA_DIR/media by default).
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

export type MediaStore = {
  /** Stores bytes under a name (letters, digits, dashes, one dot); resolves to its public path. */
  put(name: string, bytes: Buffer): Promise<string>;
  /** The folder served at /media. */
  readonly dir: string;
};

const SAFE_NAME = /^[a-z0-9-]+\.[a-z0-9]+$/;

export function fileMediaStore(dir: string): MediaStore {
  return {
    dir,
    async put(name, bytes) {
      if (!SAFE_NAME.test(name)) throw new Error(`unsafe media name ${name}`);
      await fs.mkdir(dir, { recursive: true });
      const final = path.join(dir, name);
      // Written beside then renamed: a reader never sees half a file, and equal names hold equal bytes.
      const temp = path.join(dir, `.${randomUUID()}.tmp`);
      await fs.writeFile(temp, bytes);
      await fs.rename(temp, final);
      return `/media/${name}`;
    },
  };
}
