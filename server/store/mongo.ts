// The MongoDB engine (official driver), used in production when MONGODB_URL is set.
import { Binary, type Db, type Document, MongoClient, MongoServerError, type Collection as MongoCollection } from "mongodb";
import { DuplicateKeyError } from "../errors.ts";
import type { Collection, CollectionSpec, Doc, Filter, FindOptions, Store, Update } from "./types.ts";

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

function translateError(error: unknown): unknown {
  if (error instanceof MongoServerError && error.code === 11000)
    return new DuplicateKeyError(String(error.keyPattern ? Object.keys(error.keyPattern).join(",") : "unique"));
  return error;
}

class MongoStoreCollection<T extends Doc> implements Collection<T> {
  constructor(private readonly c: MongoCollection<Document>) {}

  async insertOne(doc: T): Promise<T> {
    try {
      await this.c.insertOne({ ...doc } as Document);
      return doc;
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
    try {
      return (await this.c.updateOne(filter, update as Document)).matchedCount;
    } catch (error) {
      throw translateError(error);
    }
  }

  async updateMany(filter: Filter, update: Update): Promise<number> {
    try {
      return (await this.c.updateMany(filter, update as Document)).matchedCount;
    } catch (error) {
      throw translateError(error);
    }
  }

  async findOneAndUpdate(filter: Filter, update: Update, options: { upsert?: boolean } = {}): Promise<T | null> {
    try {
      const doc = await this.c.findOneAndUpdate(filter, update as Document, {
        upsert: options.upsert ?? false,
        returnDocument: "after",
      });
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
  const collections = new Map<string, MongoStoreCollection<Doc>>();
  for (const spec of specs) {
    const c = db.collection(spec.name);
    for (const index of spec.indexes) {
      const keys = Object.fromEntries(index.fields.map((f) => [f, 1 as const]));
      await c.createIndex(keys, { name: index.name, unique: index.unique ?? false, sparse: index.sparse ?? false });
    }
    collections.set(spec.name, new MongoStoreCollection(c));
  }
  return {
    engine: "mongodb",
    collection<T extends Doc>(name: string): Collection<T> {
      const c = collections.get(name);
      if (!c) throw new Error(`Unknown collection: ${name}`);
      return c as unknown as Collection<T>;
    },
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
