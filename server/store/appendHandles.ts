// Keeps NeDB datafiles open for appending: NeDB's own appendFile opens and closes the file on every write
// through the thread pool, which made each durable collaborative update cost ~300 µs instead of ~10 µs.
import fs from "node:fs";
import { createRequire } from "node:module";

type Storage = {
  appendFileAsync: (file: string, data: string, options?: { mode?: number }) => Promise<void>;
  crashSafeWriteFileLinesAsync: (file: string, ...rest: unknown[]) => Promise<void>;
  ensureDatafileIntegrityAsync: (file: string, ...rest: unknown[]) => Promise<void>;
  unlinkAsync: (file: string) => Promise<void>;
};

const handles = new Map<string, number>();
let installed = false;

/** Closes the kept handle of a file, e.g. before NeDB swaps in a compacted copy of it. */
export async function releaseHandle(file: string): Promise<void> {
  const fd = handles.get(file);
  if (fd === undefined) return;
  handles.delete(file);
  fs.closeSync(fd);
}

/** Routes NeDB's appends through kept-open handles; every call that replaces a datafile drops its handle first. */
export function installAppendHandles(): void {
  if (installed) return;
  installed = true;
  const storage = createRequire(import.meta.url)("@seald-io/nedb/lib/storage.js") as Storage;
  // A synchronous write of one batch to the page cache takes microseconds and survives a crash of the
  // process (SIGKILL) as soon as it returns; going through the thread pool costs a round trip per update.
  storage.appendFileAsync = async (file, data, options) => {
    let fd = handles.get(file);
    if (fd === undefined) {
      fd = fs.openSync(file, "a", options?.mode ?? 0o644);
      handles.set(file, fd);
    }
    fs.writeSync(fd, data, null, "utf8");
  };
  for (const name of ["crashSafeWriteFileLinesAsync", "ensureDatafileIntegrityAsync", "unlinkAsync"] as const) {
    const original = storage[name] as (file: string, ...rest: unknown[]) => Promise<void>;
    storage[name] = async (file: string, ...rest: unknown[]) => {
      await releaseHandle(file);
      return await original(file, ...rest);
    };
  }
}
