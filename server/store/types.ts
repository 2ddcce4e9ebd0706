// The narrow collection contract that every storage engine implements; repositories use only this.
export type Doc = { _id: string };

/** A subset of MongoDB's query language that both engines understand the same way. */
export type Filter = Record<string, unknown>;

export type Update = {
  $set?: Record<string, unknown>;
  $unset?: Record<string, true>;
  $inc?: Record<string, number>;
  $push?: Record<string, unknown>;
  $addToSet?: Record<string, unknown>;
  $pull?: Record<string, unknown>;
};

export type Sort = Record<string, 1 | -1>;

export type FindOptions = { sort?: Sort; skip?: number; limit?: number };

export interface Collection<T extends Doc> {
  /** Inserts one document; throws DuplicateKeyError when a unique index refuses it. */
  insertOne(doc: T): Promise<T>;
  /** Inserts many documents in one request (bulk loads); throws DuplicateKeyError when a unique index refuses one. */
  insertMany(docs: T[]): Promise<void>;
  findOne(filter: Filter): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  count(filter: Filter): Promise<number>;
  /** Updates the first match; resolves to the number of matched documents (0 or 1). */
  updateOne(filter: Filter, update: Update): Promise<number>;
  updateMany(filter: Filter, update: Update): Promise<number>;
  /** Atomically updates (or inserts, with upsert) one document and returns it as it is after the update. */
  findOneAndUpdate(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<T | null>;
  deleteOne(filter: Filter): Promise<number>;
  deleteMany(filter: Filter): Promise<number>;
}

/** `engine`: an index only that engine keeps (the other finds the same documents its own way). */
export type IndexSpec = { fields: string[]; unique?: boolean; sparse?: boolean; name: string; engine?: Store["engine"] };

export type CollectionSpec = { name: string; indexes: IndexSpec[] };

/** The indexes of a collection that an engine keeps. */
export const indexesOn = (spec: CollectionSpec, engine: Store["engine"]): IndexSpec[] =>
  spec.indexes.filter((index) => (index.engine ?? engine) === engine);

export type Migration = { version: number; description: string; up: (store: Store) => Promise<void> };

/** Files in the database (GridFS), for what every instance must read: uploaded images. */
export interface FileBucket {
  /** Writes a file under a name; the name carries a content hash, so one already there is kept. */
  put(name: string, bytes: Buffer): Promise<void>;
  get(name: string): Promise<{ bytes: Buffer; uploadedAt: Date } | null>;
  /** Every file's name, once each (the archive's export reads them all). */
  names(): Promise<string[]>;
}

export interface Store {
  readonly engine: "embedded" | "mongodb";
  /** Only the MongoDB engine has one: the embedded store's files live in its data folder. */
  bucket?(name: string): FileBucket;
  collection<T extends Doc>(name: string): Collection<T>;
  /** Resolves when the store answers; rejects otherwise. */
  ping(): Promise<void>;
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}
