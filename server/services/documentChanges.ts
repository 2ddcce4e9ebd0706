// Server-side changes to a collaborative document; the collaboration server swaps in a live-room version.
import * as Y from "yjs";
import type { DocsRepository } from "../repositories/docs.ts";

export type DocumentChanges = { change(room: string, fn: (doc: Y.Doc) => void): Promise<void> };

/**
 * Store-only: loads the room, applies `fn` in one transaction, and appends just the resulting update.
 * Right when no room is live; the collaboration server replaces it so live rooms see the change.
 */
export function storedDocumentChanges(docs: DocsRepository): DocumentChanges {
  return {
    async change(room, fn) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, (await docs.load(room)).update);
      const before = Y.encodeStateVector(doc);
      doc.transact(() => fn(doc));
      const update = Y.encodeStateAsUpdate(doc, before);
      // An empty update is 2 bytes (no structs, no deletions): nothing to store.
      if (update.length > 2) await docs.append(room, update);
      doc.destroy();
    },
  };
}
