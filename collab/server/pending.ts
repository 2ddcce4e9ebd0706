// Updates waiting on missing structures ("pending" in Yjs): bounded per connection and room, never passed on as applied.
import * as Y from "yjs";

/**
 * Updates whose dependencies never arrived wait in the document ("pending"), and Yjs merges them again
 * with every later update: unbounded, one client stalls the room and holds its memory. Past these bounds
 * the pending state is dropped and the connection that added to it closed.
 */
export const PENDING_LIMITS = {
  connectionBytes: 2 * 1024 * 1024,
  connectionUpdates: 64,
  roomBytes: 4 * 1024 * 1024,
  roomUpdates: 256,
};

/** A peer as the ledger sees it: only its identity matters. */
type Sender = object;

export const pendingBytes = (doc: Y.Doc): number =>
  (doc.store.pendingStructs?.update.byteLength ?? 0) + (doc.store.pendingDs?.byteLength ?? 0);

/** What each connection added to a room's pending state since it was last empty. */
export class PendingLedger {
  private readonly by = new Map<Sender, { bytes: number; updates: number }>();

  /** Counts what an update just applied by `sender` left pending; past a bound, drops the room's pending state. */
  account(doc: Y.Doc, sender: Sender, before: number): "applied" | "pending_overflow" {
    const held = pendingBytes(doc);
    if (held === 0) this.by.clear();
    if (held <= before) return "applied";
    const mine = this.by.get(sender) ?? { bytes: 0, updates: 0 };
    mine.bytes += held - before;
    mine.updates++;
    this.by.set(sender, mine);
    let updates = 0;
    for (const p of this.by.values()) updates += p.updates;
    const limits = PENDING_LIMITS;
    if (
      mine.bytes <= limits.connectionBytes &&
      mine.updates <= limits.connectionUpdates &&
      held <= limits.roomBytes &&
      updates <= limits.roomUpdates
    )
      return "applied";
    doc.store.pendingStructs = null;
    doc.store.pendingDs = null;
    this.by.clear();
    return "pending_overflow";
  }

  forget(sender: Sender): void {
    this.by.delete(sender);
  }
}

/** The document as applied: Yjs adds its pending structures to every full encoding, as if they were. */
export function appliedState(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const { pendingStructs, pendingDs } = doc.store;
  if (!pendingStructs && !pendingDs) return Y.encodeStateAsUpdate(doc, stateVector);
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
  try {
    return Y.encodeStateAsUpdate(doc, stateVector);
  } finally {
    doc.store.pendingStructs = pendingStructs;
    doc.store.pendingDs = pendingDs;
  }
}
