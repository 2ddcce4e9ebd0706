// Collaborative documents: an append-only log of Yjs updates per room, compacted into a snapshot.
import * as Y from "yjs";
import type { Store } from "../store/types.ts";

export type DocUpdate = { _id: string; room: string; seq: number; update: Uint8Array; at: Date };
export type DocSnapshot = { _id: string; state: Uint8Array; upToSeq: number; at: Date };

const seqKey = (room: string, seq: number) => `${room}:${String(seq).padStart(12, "0")}`;

export function docsRepository(store: Store) {
  const updates = store.collection<DocUpdate>("doc_updates");
  const snapshots = store.collection<DocSnapshot>("doc_snapshots");
  const counters = store.collection<{ _id: string; value: number }>("counters");

  async function nextSeq(room: string): Promise<number> {
    const c = await counters.findOneAndUpdate({ _id: `doc:${room}` }, { $inc: { value: 1 } }, { upsert: true });
    return c!.value;
  }

  return {
    /** Appends one update (already merged by the caller when grouping) and resolves once it is stored. */
    async append(room: string, update: Uint8Array): Promise<number> {
      const seq = await nextSeq(room);
      await updates.insertOne({ _id: seqKey(room, seq), room, seq, update, at: new Date() });
      return seq;
    },
    /** The snapshot plus every update after it, merged into one update (empty when the room is new). */
    async load(room: string): Promise<{ update: Uint8Array; pending: number; lastSeq: number }> {
      const snapshot = await snapshots.findOne({ _id: room });
      const after = snapshot?.upToSeq ?? 0;
      const log = await updates.find({ room, seq: { $gt: after } }, { sort: { seq: 1 } });
      const parts = [...(snapshot ? [snapshot.state] : []), ...log.map((u) => u.update)];
      const update = parts.length === 0 ? Y.encodeStateAsUpdate(new Y.Doc()) : Y.mergeUpdates(parts);
      return { update, pending: log.length, lastSeq: log.at(-1)?.seq ?? after };
    },
    /**
     * Folds the log up to `upToSeq` into the snapshot. The snapshot is written before the log entries
     * are removed, and only entries it covers are removed, so an update written meanwhile is never lost.
     */
    async compact(room: string, state: Uint8Array, upToSeq: number): Promise<void> {
      await snapshots.findOneAndUpdate({ _id: room }, { $set: { state, upToSeq, at: new Date() } }, { upsert: true });
      await updates.deleteMany({ room, seq: { $lte: upToSeq } });
    },
    async exists(room: string): Promise<boolean> {
      return (await snapshots.findOne({ _id: room })) !== null || (await updates.count({ room })) > 0;
    },
    async remove(room: string): Promise<void> {
      await updates.deleteMany({ room });
      await snapshots.deleteOne({ _id: room });
    },
  };
}
export type DocsRepository = ReturnType<typeof docsRepository>;
