// The MongoDB engine (official driver), used in production when MONGODB_URL is set.
import { Binary, type Db, type Document, GridFSBucket, MongoClient, MongoServerError, type Collection as MongoCollection } from "mongodb";
import { setTimeout as sleep } from "node:timers/promises";
import { DuplicateKeyError } from "../errors.ts";
import { matchFilter } from "./matchFilter.ts";
import { type DocLocks, docLocks, type Hold } from "./mongoDocLocks.ts";
import type { Collection, CollectionSpec, Doc, FileBucket, Filter, FindOptions, Store, Update } from "./types.ts";
import { indexesOn } from "./types.ts";

function fromMongo(value: unknown): unknown {
  if (value instanceof Binary) return new Uint8Array(value.buffer);
  if (Array.isArray(value)) return value.map(fromMongo);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = fromMongo(v);
    return out;
  }
  return value;
}

/** FerretDB v1 reports a unique index refusing an update as an internal error carrying SQLite's message. */
const SQLITE_UNIQUE = /UNIQUE constraint failed/;

function translateError(error: unknown): unknown {
  if (error instanceof MongoServerError && error.code === 11000)
    return new DuplicateKeyError(String(error.keyPattern ? Object.keys(error.keyPattern).join(",") : "unique"));
  if (error instanceof MongoServerError && error.code === 1 && SQLITE_UNIQUE.test(error.message)) return new DuplicateKeyError("unique");
  return error;
}

const isKey = (id: unknown): boolean => typeof id === "string" || typeof id === "number";

class MongoStoreCollection<T extends Doc> implements Collection<T> {
  /** `locks` is given only on servers whose updates are not atomic (see mongoDocLocks.ts). */
  constructor(
    private readonly c: MongoCollection<Document>,
    private readonly locks: DocLocks | null,
  ) {}

  /**
   * Runs a write under the lock of the document it targets, or of each candidate in turn (the filter re-checked
   * under the lock): the first hit when `one`, otherwise every hit. `miss` is what a write matching nothing returns.
   */
  private async underLocks<R>(locks: DocLocks, filter: Filter, one: boolean, run: (f: Filter) => Promise<R>, miss: R, upsert = false): Promise<R[]> {
    if (isKey(filter._id)) return [await locks.withLock(this.c.collectionName, filter._id, (hold) => this.scoped(hold, filter, filter._id, run, miss, upsert))];
    const hits: R[] = [];
    for (let round = 0; ; round++) {
      const ids = (await this.c.find(filter, { projection: { _id: 1 } }).limit(one ? 10 : 0).toArray()).map((d) => d._id);
      let busy = 0;
      // Writers wanting any one match (senders claiming the next job) would all wait on the same first candidate:
      // spread them, and pass a candidate another writer holds rather than wait for it.
      if (one) ids.sort(() => Math.random() - 0.5);
      for (const id of ids) {
        const scoped = (hold: Hold) => this.scoped(hold, filter, id, run, miss, false);
        const attempt = one ? await locks.tryWithLock(this.c.collectionName, id, scoped) : { busy: false as const, result: await locks.withLock(this.c.collectionName, id, scoped) };
        if (attempt.busy) busy++;
        else if (attempt.result !== miss) {
          hits.push(attempt.result);
          if (one) return hits;
        }
      }
      // A candidate missed because another writer changed it first (the next query no longer returns it) or held it.
      if (!one || ids.length === 0) return hits;
      if (busy === ids.length) await sleep(Math.min(50, 1 + round) * (0.5 + Math.random()));
    }
  }

  /**
   * One document's write, its lock held. FerretDB v1 finds a document by index only for a filter that is `{ _id }`
   * alone (any other filter reads the whole collection, which made each claim of a mail job cost seconds once the
   * queue held thousands): so read it by `_id`, judge the rest of the filter here, and write it by `_id`. What the
   * judge cannot decide goes to the server whole, as before.
   */
  private async scoped<R>(hold: Hold, filter: Filter, id: unknown, run: (f: Filter) => Promise<R>, miss: R, upsert: boolean): Promise<R> {
    const { _id: _, ...rest } = filter;
    const byId = { _id: id };
    if (Object.keys(rest).length === 0) return await hold.fenced(() => run(byId));
    const doc = await this.c.findOne(byId as Document);
    const verdict = doc ? matchFilter(doc, rest) : upsert ? undefined : false;
    if (verdict === undefined) return await hold.fenced(() => run({ ...filter, _id: id }));
    return verdict ? await hold.fenced(() => run(byId)) : miss;
  }

  private async updateCount(filter: Filter, one: boolean, run: (f: Filter) => Promise<number>): Promise<number> {
    try {
      if (!this.locks) return await run(filter);
      return (await this.underLocks(this.locks, filter, one, run, 0)).reduce((a, b) => a + b, 0);
    } catch (error) {
      throw translateError(error);
    }
  }

  async insertOne(doc: T): Promise<T> {
    try {
      await this.c.insertOne({ ...doc } as Document);
      return doc;
    } catch (error) {
      throw translateError(error);
    }
  }

  async insertMany(docs: T[]): Promise<void> {
    if (docs.length === 0) return;
    try {
      await this.c.insertMany(docs.map((doc) => ({ ...doc }) as Document));
    } catch (error) {
      throw translateError(error);
    }
  }

  async findOne(filter: Filter): Promise<T | null> {
    const doc = await this.c.findOne(filter);
    return doc ? (fromMongo(doc) as T) : null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    let cursor = this.c.find(filter);
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return (await cursor.toArray()).map((d) => fromMongo(d) as T);
  }

  async count(filter: Filter): Promise<number> {
    return await this.c.countDocuments(filter);
  }

  async updateOne(filter: Filter, update: Update): Promise<number> {
    return await this.updateCount(filter, true, async (f) => (await this.c.updateOne(f, update as Document)).matchedCount);
  }

  async updateMany(filter: Filter, update: Update): Promise<number> {
    return await this.updateCount(filter, false, async (f) => (await this.c.updateMany(f, update as Document)).matchedCount);
  }

  async findOneAndUpdate(filter: Filter, update: Update, options: { upsert?: boolean } = {}): Promise<T | null> {
    const run = (f: Filter) => this.c.findOneAndUpdate(f, update as Document, { upsert: options.upsert ?? false, returnDocument: "after" });
    try {
      // Upserts all name their _id, so a lock covers the insert too; the unlocked fallback only ever inserts.
      const doc = this.locks ? ((await this.underLocks(this.locks, filter, true, run, null, options.upsert))[0] ?? (options.upsert ? await run(filter) : null)) : await run(filter);
      return doc ? (fromMongo(doc) as T) : null;
    } catch (error) {
      throw translateError(error);
    }
  }

  async deleteOne(filter: Filter): Promise<number> {
    return (await this.c.deleteOne(filter)).deletedCount;
  }

  async deleteMany(filter: Filter): Promise<number> {
    return (await this.c.deleteMany(filter)).deletedCount;
  }
}

export async function openMongoStore(url: string, specs: CollectionSpec[]): Promise<Store> {
  // Journaled: a write (a group commit of collaborative updates) is acknowledged only once on the disk.
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 5000, writeConcern: { j: true } });
  await client.connect();
  const db: Db = client.db();
  // FerretDB v1 says who it is in buildInfo; its updates need the document locks (FerretDB 2 and MongoDB do not).
  const info = await db.admin().command({ buildInfo: 1 });
  const locks = String(info.ferretdbVersion ?? "").startsWith("v1.") ? docLocks(db.collection("store_locks")) : null;
  const collections = new Map<string, MongoStoreCollection<Doc>>();
  for (const spec of specs) {
    const c = db.collection(spec.name);
    for (const index of indexesOn(spec, "mongodb")) {
      const keys = Object.fromEntries(index.fields.map((f) => [f, 1 as const]));
      await c.createIndex(keys, { name: index.name, unique: index.unique ?? false, sparse: index.sparse ?? false });
    }
    collections.set(spec.name, new MongoStoreCollection(c, locks));
  }
  return {
    engine: "mongodb",
    collection<T extends Doc>(name: string): Collection<T> {
      const c = collections.get(name);
      if (!c) throw new Error(`Unknown collection: ${name}`);
      return c as unknown as Collection<T>;
    },
    bucket: (name) => gridFsBucket(new GridFSBucket(db, { bucketName: name })),
    async ping() {
      await db.command({ ping: 1 });
    },
    async schemaVersion() {
      const meta = await db.collection("meta").findOne({ _id: "schema" as unknown as Document["_id"] });
      return (meta?.version as number | undefined) ?? 0;
    },
    async close() {
      await client.close();
    },
  };
}

/**
 * GridFS writes the chunks before the file record, so a reader never sees half a file. Only what FerretDB v1
 * also does is used: inserts, finds by filename sorted by upload date, and index creation by the driver.
 */
function gridFsBucket(bucket: GridFSBucket): FileBucket {
  const latest = async (name: string) => (await bucket.find({ filename: name }).sort({ uploadDate: -1 }).limit(1).toArray())[0];
  return {
    async put(name, bytes) {
      if (await latest(name)) return;
      await new Promise<void>((resolve, reject) => {
        const upload = bucket.openUploadStream(name);
        upload.once("error", reject);
        upload.once("finish", () => resolve());
        upload.end(bytes);
      });
    },
    async get(name) {
      const file = await latest(name);
      if (!file) return null;
      const chunks: Buffer[] = [];
      for await (const chunk of bucket.openDownloadStream(file._id)) chunks.push(chunk as Buffer);
      return { bytes: Buffer.concat(chunks), uploadedAt: file.uploadDate };
    },
    async names() {
      const files = await bucket.find({}, { projection: { filename: 1 } }).toArray();
      return [...new Set(files.map((f) => f.filename))].sort();
    },
  };
}
