// The embedded engine: one NeDB datafile per collection in DATA_DIR, no server to install.
import fs from "node:fs";
import path from "node:path";
import NedbModule from "@seald-io/nedb";
import { DuplicateKeyError } from "../errors.ts";
import { decodeBinary, encodeBinary } from "./binary.ts";
import { durable, installAppendHandles, releaseHandle } from "./appendHandles.ts";
import { acquireLock } from "./lock.ts";
import type { Collection, CollectionSpec, Doc, Filter, FindOptions, Store, Update } from "./types.ts";
import { indexesOn } from "./types.ts";

type NeDoc = Record<string, unknown>;
// NeDB is CommonJS: at run time the default import is the class itself, whatever its typings say.
type Datastore<T> = InstanceType<typeof NedbModule.default<T>>;
const Datastore = NedbModule as unknown as typeof NedbModule.default;

function translateError(error: unknown): unknown {
  const e = error as { errorType?: string; key?: unknown; message?: string };
  if (e && e.errorType === "uniqueViolated") return new DuplicateKeyError(String(e.message ?? "unique"));
  return error;
}

function encodeUpdate(update: Update): NeDoc {
  return encodeBinary(update) as NeDoc;
}

class EmbeddedCollection<T extends Doc> implements Collection<T> {
  constructor(
    private readonly ds: Datastore<NeDoc>,
    private readonly file: string,
  ) {}

  /** A write resolves only once it is on the disk, not merely in the page cache. */
  private async flushed<R>(write: Promise<R>): Promise<R> {
    const result = await write;
    await durable(this.file);
    return result;
  }

  private out(doc: NeDoc | null | undefined): T | null {
    return doc ? (decodeBinary(doc) as T) : null;
  }

  async insertOne(doc: T): Promise<T> {
    try {
      await this.flushed(this.ds.insertAsync(encodeBinary(doc) as NeDoc));
      return doc;
    } catch (error) {
      throw translateError(error);
    }
  }

  async insertMany(docs: T[]): Promise<void> {
    if (docs.length === 0) return;
    try {
      await this.flushed(this.ds.insertAsync(docs.map((doc) => encodeBinary(doc) as NeDoc)));
    } catch (error) {
      throw translateError(error);
    }
  }

  async findOne(filter: Filter): Promise<T | null> {
    return this.out(await this.ds.findOneAsync(filter));
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    const branches = idBranches(filter, options);
    if (branches) return this.union(branches, options);
    let cursor = this.ds.findAsync(filter);
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    const docs = await cursor.execAsync();
    return docs.map((d: NeDoc) => this.out(d) as T);
  }

  /** Each branch on the _id index, their union (once each) sorted by _id, then skipped and limited. */
  private async union(branches: Filter[], options: FindOptions): Promise<T[]> {
    const found = new Map<unknown, NeDoc>();
    for (const docs of await Promise.all(branches.map((branch) => this.ds.findAsync(branch).execAsync())))
      for (const doc of docs) found.set(doc._id, doc);
    const docs = [...found.values()];
    const direction = options.sort?._id;
    if (direction) docs.sort((a, b) => direction * (a._id! < b._id! ? -1 : a._id! > b._id! ? 1 : 0));
    const skip = options.skip ?? 0;
    return docs.slice(skip, options.limit ? skip + options.limit : undefined).map((d) => this.out(d) as T);
  }

  async count(filter: Filter): Promise<number> {
    return await this.ds.countAsync(filter).execAsync();
  }

  async updateOne(filter: Filter, update: Update): Promise<number> {
    try {
      const { numAffected } = await this.flushed(this.ds.updateAsync(filter, encodeUpdate(update), { multi: false }));
      return numAffected;
    } catch (error) {
      throw translateError(error);
    }
  }

  async updateMany(filter: Filter, update: Update): Promise<number> {
    try {
      const { numAffected } = await this.flushed(this.ds.updateAsync(filter, encodeUpdate(update), { multi: true }));
      return numAffected;
    } catch (error) {
      throw translateError(error);
    }
  }

  async findOneAndUpdate(filter: Filter, update: Update, options: { upsert?: boolean } = {}): Promise<T | null> {
    try {
      const result = await this.flushed(
        this.ds.updateAsync(filter, encodeUpdate(update), {
          multi: false,
          upsert: options.upsert ?? false,
          returnUpdatedDocs: true,
        }),
      );
      return this.out(result.affectedDocuments as NeDoc | null);
    } catch (error) {
      throw translateError(error);
    }
  }

  async deleteOne(filter: Filter): Promise<number> {
    return await this.flushed(this.ds.removeAsync(filter, { multi: false }));
  }

  async deleteMany(filter: Filter): Promise<number> {
    return await this.flushed(this.ds.removeAsync(byIdSet(filter) ?? filter, { multi: true }));
  }
}

/**
 * `{ _id: { $in: ids } }` as a range of the _id index checked against a Set: NeDB matches each candidate
 * against the whole `$in` list, quadratic in the ids removed (a compaction's folded log entries, which
 * are one room's range). Other filters are left as they are (undefined).
 */
function byIdSet(filter: Filter): Filter | undefined {
  const ids = (filter._id as { $in?: unknown } | undefined)?.$in;
  if (Object.keys(filter).length !== 1 || !Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === "string")) return undefined;
  const wanted = new Set<string>(ids);
  const sorted = [...wanted].sort();
  return {
    _id: { $gte: sorted[0], $lte: sorted.at(-1) },
    $where(this: Doc) {
      return wanted.has(this._id);
    },
  };
}

/**
 * NeDB answers a top-level `$or` by matching every document against every branch. When each branch narrows
 * `_id` (several rooms' log ranges) and the order asked is none or by _id, the branches run one by one on the
 * _id index instead (undefined otherwise: NeDB's own way).
 */
function idBranches(filter: Filter, options: FindOptions): Filter[] | undefined {
  const branches = filter.$or;
  if (Object.keys(filter).length !== 1 || !Array.isArray(branches) || branches.length === 0) return undefined;
  if (options.sort && Object.keys(options.sort).join() !== "_id") return undefined;
  return branches.every((branch) => typeof branch === "object" && branch !== null && "_id" in branch) ? branches : undefined;
}

/**
 * NeDB keeps the indexes created in its datafile: one the schema no longer lists (doc_updates' `room`, which
 * made compaction quadratic) would otherwise still be loaded and kept up to date on every write.
 */
async function dropUnlisted(ds: Datastore<NeDoc>, spec: CollectionSpec): Promise<void> {
  // NeDB names an index by its fields, sorted and joined with commas.
  const listed = new Set(["_id", ...indexesOn(spec, "embedded").map((index) => [...index.fields].sort().join(","))]);
  const { indexes } = ds as unknown as { indexes: Record<string, unknown> };
  for (const fieldName of Object.keys(indexes)) if (!listed.has(fieldName)) await ds.removeIndexAsync(fieldName);
}

const COMPACTION_INTERVAL_MS = 10 * 60 * 1000;

export async function openEmbeddedStore(dataDir: string, specs: CollectionSpec[]): Promise<Store> {
  fs.mkdirSync(path.join(dataDir, "db"), { recursive: true });
  installAppendHandles();
  const release = acquireLock(dataDir);
  const stores = new Map<string, Datastore<NeDoc>>();
  const collections = new Map<string, EmbeddedCollection<Doc>>();
  try {
    for (const spec of specs) {
      const filename = path.join(dataDir, "db", `${spec.name}.db`);
      const ds = new Datastore<NeDoc>({ filename });
      await ds.loadDatabaseAsync();
      for (const index of indexesOn(spec, "embedded")) {
        const fieldName = index.fields.length === 1 ? index.fields[0]! : index.fields;
        await ds.ensureIndexAsync({ fieldName, unique: index.unique ?? false, sparse: index.sparse ?? false });
      }
      await dropUnlisted(ds, spec);
      ds.setAutocompactionInterval(COMPACTION_INTERVAL_MS);
      stores.set(spec.name, ds);
      collections.set(spec.name, new EmbeddedCollection(ds, filename));
    }
  } catch (error) {
    release();
    throw error;
  }
  let closed = false;
  return {
    engine: "embedded",
    collection<T extends Doc>(name: string): Collection<T> {
      const c = collections.get(name);
      if (!c) throw new Error(`Unknown collection: ${name}`);
      return c as unknown as Collection<T>;
    },
    async ping() {
      if (closed) throw new Error("store closed");
      fs.accessSync(path.join(dataDir, "db"), fs.constants.W_OK);
    },
    async schemaVersion() {
      const meta = await collections.get("meta")?.findOne({ _id: "schema" });
      return (meta as { version?: number } | null)?.version ?? 0;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const [name, ds] of stores) {
        ds.stopAutocompaction();
        await ds.compactDatafileAsync();
        await releaseHandle(path.join(dataDir, "db", `${name}.db`));
      }
      release();
    },
  };
}
