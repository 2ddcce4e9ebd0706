// Server-side changes to a collaborative document: through the live room that holds it, else in the store.
import * as Y from "yjs";
import type { DocsRepository } from "../repositories/docs.ts";

/** Rooms held in memory by the collaboration server: a change to one of them must go through it. */
export type LiveRooms = {
  /**
   * Applies `fn` in the live room, or runs `inStore` when none is open, ordered with room loads; `inStore`
   * gives the update it stored, for a room open on another instance.
   */
  change(room: string, fn: (doc: Y.Doc) => void, inStore: () => Promise<Uint8Array | null>): Promise<void>;
};

export type DocumentChanges = {
  change(room: string, fn: (doc: Y.Doc) => void): Promise<void>;
  /** Plugs in the live rooms; the returned function unplugs them. */
  plugLiveRooms(rooms: LiveRooms): () => void;
};

export function documentChangeService(docs: DocsRepository): DocumentChanges {
  let live: LiveRooms | null = null;
  return {
    change: async (room, fn) => {
      if (live) await live.change(room, fn, () => changeInStore(docs, room, fn));
      else await changeInStore(docs, room, fn);
    },
    plugLiveRooms(rooms) {
      live = rooms;
      return () => {
        if (live === rooms) live = null;
      };
    },
  };
}

/** Loads the room, applies `fn` in one transaction, and appends just the resulting update (null: nothing changed). */
async function changeInStore(docs: DocsRepository, room: string, fn: (doc: Y.Doc) => void): Promise<Uint8Array | null> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, (await docs.load(room)).update);
  const before = Y.encodeStateVector(doc);
  doc.transact(() => fn(doc));
  const update = Y.encodeStateAsUpdate(doc, before);
  // An empty update is 2 bytes (no structs, no deletions): nothing to store.
  doc.destroy();
  if (update.length <= 2) return null;
  await docs.append(room, update);
  return update;
}
