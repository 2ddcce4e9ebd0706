// The media store: content-addressed files written once, under DATA_DIR/media, or in the database (GridFS) shared by every instance.
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import express from "express";
import type { FileBucket } from "../../store/types.ts";

export type MediaStore = {
  /** Stores bytes under a name (letters, digits, dashes, one dot); resolves to its public path. */
  put(name: string, bytes: Buffer): Promise<string>;
  /** Serves the files at /media: names carry a content hash, so a file never changes and may be cached for good. */
  readonly serve: express.Handler;
};

export const SAFE_NAME = /^[a-z0-9-]+\.[a-z0-9]+$/;
const MAX_AGE_S = 365 * 24 * 60 * 60;

export function fileMediaStore(dir: string): MediaStore {
  return {
    serve: express.static(dir, { immutable: true, maxAge: MAX_AGE_S * 1000, index: false, dotfiles: "ignore", redirect: false }),
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

/** The same names and headers as the folder's, from GridFS: an image uploaded through one instance is served by all. */
export function bucketMediaStore(bucket: FileBucket): MediaStore {
  return {
    async put(name, bytes) {
      if (!SAFE_NAME.test(name)) throw new Error(`unsafe media name ${name}`);
      await bucket.put(name, bytes);
      return `/media/${name}`;
    },
    serve: (req, res, next) => {
      const name = req.path.slice(1);
      if ((req.method !== "GET" && req.method !== "HEAD") || !SAFE_NAME.test(name)) return next();
      bucket.get(name).then((file) => {
        if (!file) return next();
        res.setHeader("Cache-Control", `public, max-age=${MAX_AGE_S}, immutable`);
        res.setHeader("Last-Modified", file.uploadedAt.toUTCString());
        // The name holds the content's hash: it is the strongest validator there is.
        res.setHeader("ETag", `"${name}"`);
        res.type(path.extname(name));
        if (req.fresh) return void res.status(304).end();
        res.send(file.bytes);
      }, next);
    },
  };
}
