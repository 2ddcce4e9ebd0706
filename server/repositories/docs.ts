// Collaborative documents: an append-only log of Yjs updates per room, compacted into a snapshot.
import * as Y from "yjs";
import { DuplicateKeyError } from "../errors.ts";
import type { Filter, Store } from "../store/types.ts";

export type DocUpdate = { _id: string; room: string; seq: number; update: Uint8Array; at: Date };
export type DocSnapshot = { _id: string; state: Uint8Array; upToSeq: number; at: Date };

const seqKey = (room: string, seq: number) => `${room}:${String(seq).padStart(12, "0")}`;
const LAST_KEY_SEQ = 999_999_999_999;

/**
 * A room's log entries up to a seq: one range of the unique _id index (seqKey sorts by seq), which both
 * engines scan in proportion to what it holds. A non-unique index on `room` made the embedded engine drop
 * each removed entry from an array of all the room's entries (compaction quadratic in the log's length).
 * The `room` term keeps out another room whose name extends this one's with ":".
 */
const logOf = (room: string, upToSeq = LAST_KEY_SEQ) => ({ room, _id: { $gte: seqKey(room, 0), $lte: seqKey(room, upToSeq) } });

/**
 * Several rooms' logs in one query (the atelier's search, a programme's archive). The embedded engine answers an
 * `$or` of their ranges branch by branch on its _id index. FerretDB v1 scans the whole collection for any query
 * but one by _id, matching each document against each `$or` branch (200 rooms in 12,450 entries: 77 s, against
 * 3.7 s for `room: { $in }`), so the MongoDB engine gets the `$in`, one scan.
 */
export const logsOf = (engine: Store["engine"], rooms: string[]): Filter =>
  engine === "mongodb" ? { room: { $in: rooms } } : rooms.length === 0 ? { _id: { $in: [] } } : { $or: rooms.map((room) => logOf(room)) };

/** Concurrent writers of one room race for the next seq; the loser recomputes it (bounded). */
const APPEND_ATTEMPTS = 20;
/** Compactions of one room racing each other (several instances): each lost race means the snapshot moved on. */
const COMPACT_ATTEMPTS = 5;

export function docsRepository(store: Store) {
  const updates = store.collection<DocUpdate>("doc_updates");
  const snapshots = store.collection<DocSnapshot>("doc_snapshots");

  /** The highest seq used so far: of the log, or of the snapshot when the log is empty. */
  async function lastSeq(room: string): Promise<number> {
    const [last] = await updates.find(logOf(room), { sort: { _id: -1 }, limit: 1 });
    const snapshot = await snapshots.findOne({ _id: room });
    return Math.max(last?.seq ?? 0, snapshot?.upToSeq ?? 0);
  }

  /** A room's body as one update (empty when the room is new) from its snapshot and log (sorted by seq). */
  function merged(snapshot: DocSnapshot | null, log: DocUpdate[]): { update: Uint8Array; lastSeq: number } {
    const parts = [...(snapshot ? [snapshot.state] : []), ...log.map((u) => u.update)];
    const update = parts.length === 0 ? Y.encodeStateAsUpdate(new Y.Doc()) : parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts);
    return { update, lastSeq: Math.max(log.at(-1)?.seq ?? 0, snapshot?.upToSeq ?? 0) };
  }

  /** Writes a snapshot over `current` (none: a first one); false when another compaction wrote first. */
  async function writeSnapshot(room: string, current: DocSnapshot | null, next: Omit<DocSnapshot, "_id">): Promise<boolean> {
    if (current) return (await snapshots.updateOne({ _id: room, upToSeq: current.upToSeq }, { $set: next })) > 0;
    try {
      await snapshots.insertOne({ _id: room, ...next });
      return true;
    } catch (error) {
      if (error instanceof DuplicateKeyError) return false;
      throw error;
    }
  }

  async function insertAt(room: string, seq: number, update: Uint8Array): Promise<void> {
    await updates.insertOne({ _id: seqKey(room, seq), room, seq, update, at: new Date() });
  }

  return {
    /**
     * Appends one update (already merged by the caller when grouping) and resolves once it is stored.
     * A caller that is the room's only writer passes the seq it expects, which saves a read; the
     * unique _id refuses a wrong guess and the seq is then recomputed, so no update is overwritten.
     * With several instances a guess may also fall in a slot another's compaction freed: harmless, since
     * load reads every entry left and compaction deletes only the entries it folded (see compact).
     */
    async append(room: string, update: Uint8Array, expectedSeq?: number): Promise<number> {
      let seq = expectedSeq ?? (await lastSeq(room)) + 1;
      for (let attempt = 1; ; attempt++) {
        try {
          await insertAt(room, seq, update);
          return seq;
        } catch (error) {
          if (!(error instanceof DuplicateKeyError) || attempt >= APPEND_ATTEMPTS) throw error;
          // Another writer keeps taking the next slot while this one reads: aim past it, by a random stride
          // that grows with each miss, so two writers stop colliding. Gaps in the seqs are harmless.
          seq = (await lastSeq(room)) + 1 + Math.floor(Math.random() * 2 ** Math.min(attempt, 6));
        }
      }
    },
    /**
     * The snapshot plus every entry of the log, merged into one update (empty when the room is new). Entries
     * the snapshot already holds (a crash before compaction removed them) merge harmlessly; `ids` names them all.
     */
    async load(
      room: string,
    ): Promise<{ update: Uint8Array; pending: number; pendingBytes: number; lastSeq: number; ids: string[] }> {
      const snapshot = await snapshots.findOne({ _id: room });
      const log = await updates.find(logOf(room), { sort: { _id: 1 } });
      const pendingBytes = log.reduce((n, u) => n + u.update.byteLength, 0);
      const ids = log.map((u) => u._id);
      return { ...merged(snapshot, log), pending: log.length, pendingBytes, ids };
    },
    /** Several rooms' last seqs at once (the atelier's search): two queries, not two per room. */
    async lastSeqs(rooms: string[]): Promise<Map<string, number>> {
      const seqs = new Map((await snapshots.find({ _id: { $in: rooms } })).map((s) => [s._id, s.upToSeq]));
      for (const u of await updates.find(logsOf(store.engine, rooms))) seqs.set(u.room, Math.max(seqs.get(u.room) ?? 0, u.seq));
      return new Map(rooms.map((room) => [room, seqs.get(room) ?? 0]));
    },
    /** Several rooms' bodies and last seqs at once: two queries, not two per room. */
    async loadMany(rooms: string[]): Promise<Map<string, { update: Uint8Array; lastSeq: number }>> {
      const snapshotOf = new Map((await snapshots.find({ _id: { $in: rooms } })).map((s) => [s._id, s]));
      const logs = new Map<string, DocUpdate[]>(rooms.map((room) => [room, []]));
      // Sorted by _id, each room's entries come in seq order.
      for (const u of await updates.find(logsOf(store.engine, rooms), { sort: { _id: 1 } })) logs.get(u.room)?.push(u);
      return new Map(rooms.map((room) => [room, merged(snapshotOf.get(room) ?? null, logs.get(room)!)]));
    },
    lastSeq,
    /**
     * Folds the log into the snapshot; `state` must contain every entry removed: those up to `upToSeq`, or
     * with several writers (`folded`) exactly the entries it was merged from, since another's append may
     * land below `upToSeq` meanwhile. Containing more is harmless (Yjs updates are idempotent). The snapshot
     * is written before the log entries are removed, so an update written meanwhile is never lost; a crash
     * in between leaves entries the snapshot already holds, which load merges harmlessly. An older snapshot
     * never replaces a newer one: otherwise a slow compaction finishing last would miss entries a faster one
     * already removed.
     */
    async compact(room: string, state: Uint8Array, upToSeq: number, folded?: string[]): Promise<boolean> {
      const at = new Date();
      // Losing a race to another compaction is retried: an older one that won must not stop a newer one.
      for (let attempt = 1; ; attempt++) {
        const current = await snapshots.findOne({ _id: room });
        if (current && current.upToSeq >= upToSeq) return false;
        if (await writeSnapshot(room, current, { state, upToSeq, at })) break;
        if (attempt >= COMPACT_ATTEMPTS) return false;
      }
      await updates.deleteMany(folded ? { _id: { $in: folded } } : logOf(room, upToSeq));
      return true;
    },
    /** What the room occupies in the store: its snapshot and the log entries after it. */
    async size(room: string): Promise<{ snapshotBytes: number; updates: number; updateBytes: number }> {
      const snapshot = await snapshots.findOne({ _id: room });
      const log = await updates.find(logOf(room));
      return {
        snapshotBytes: snapshot?.state.byteLength ?? 0,
        updates: log.length,
        updateBytes: log.reduce((n, u) => n + u.update.byteLength, 0),
      };
    },
    async exists(room: string): Promise<boolean> {
      return (await snapshots.findOne({ _id: room })) !== null || (await updates.count(logOf(room))) > 0;
    },
    async remove(room: string): Promise<void> {
      await updates.deleteMany(logOf(room));
      await snapshots.deleteOne({ _id: room });
    },
  };
}
export type DocsRepository = ReturnType<typeof docsRepository>;
