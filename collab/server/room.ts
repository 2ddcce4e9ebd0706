// One live document: loaded from the store before any sync, updates stored before they are relayed, unloaded when empty.
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Logger } from "../../server/log.ts";
import type { DocsRepository } from "../../server/repositories/docs.ts";
import { metaNeverWritten, metaText, readMeta, seedMeta } from "../schema/meta.ts";
import { awarenessMessage, syncStep2, updateMessage } from "../wire.ts";
import { CloseCode } from "./closeCodes.ts";
import type { LinkedRoom, RoomLink } from "./cluster.ts";
import { GroupCommit, type Pending } from "./groupCommit.ts";
import { appliedState, PendingLedger, pendingBytes } from "./pending.ts";

/** A connected client as the room sees it. */
export interface Peer {
  readonly userId: string;
  readonly clientIds: ReadonlySet<number>;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

/** Origin of changes made by the server itself (documentChanges): stored and relayed to everyone. */
export const SERVER_ORIGIN = Symbol("server");
const LOAD_ORIGIN = Symbol("load");
/** Updates and presence from another instance: already stored there, relayed here, never published back. */
const REMOTE_ORIGIN = Symbol("remote");

export type RoomDeps = {
  docs: DocsRepository;
  log: Logger;
  /** Records who changed the document (credits); called in batches. */
  recordContributors(room: string, userIds: string[]): Promise<void>;
  /** Hands the document's title and summary, as typed, to the store once a change to them is stored. */
  recordMeta(room: string, meta: { title: string; summary: string }): Promise<void>;
  /** The title and summary the store holds, written into a document that never held them (null: none). */
  storedMeta(room: string): Promise<{ title: string; summary: string } | null>;
  compaction: Compaction;
  /** The other instances (REDIS_URL); absent when this instance is alone. */
  link?: RoomLink;
};

/** When a room folds its log into a snapshot (see Room.compactionDue). */
export type Compaction = { afterUpdates: number; maxUpdates: number; afterBytes: number };

const CONTRIBUTORS_FLUSH_MS = 2_000;
/** Lists and pages read the stored title: soon after typing stops, not at every keystroke. */
const META_FLUSH_MS = 300;
/** On unload, a log this long is folded into the snapshot so the next cold load reads little. */
const COMPACT_ON_UNLOAD_AFTER = 50;

export class Room implements LinkedRoom {
  // A given guid: Yjs would otherwise draw a random uuid, ~30 crypto calls per room (and per room reload).
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<Peer>();
  state: "loading" | "open" | "closing" = "loading";
  readonly ready: Promise<void>;
  readonly closed: Promise<void>;
  private resolveClosed!: () => void;
  private readonly writer: GroupCommit;
  private seq = 0;
  private logCount = 0;
  private logBytes = 0;
  /** Size of the document when last loaded or compacted: what the next compaction will rewrite, roughly. */
  private snapshotBytes = 0;
  private compacting: Promise<void> | null = null;
  private unloading = false;
  private staged: Pending[] | null = null;
  private contributors = new Set<string>();
  private readonly pending = new PendingLedger();
  private contributorsTimer: NodeJS.Timeout | null = null;
  /** Whether a local change touched the title or summary since they were last recorded. */
  private metaDirty = false;
  private metaTimer: NodeJS.Timeout | null = null;
  /** Set while a remote update is applied that may complete local pending structs, which then need storing. */
  private storeRemote = false;
  /** The transaction of the client's update being applied (see applyClientUpdate). */
  private applied: Y.Transaction | null = null;
  /** A read of the store for what remote updates wait on is under way (see catchUp); `catchUpAgain`: another is due after it. */
  private catchingUp = false;
  private catchUpAgain = false;

  constructor(
    readonly name: string,
    private readonly deps: RoomDeps,
    after: Promise<unknown>,
  ) {
    this.doc = new Y.Doc({ guid: name });
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.closed = new Promise((resolve) => {
      this.resolveClosed = resolve;
    });
    this.writer = new GroupCommit({
      write: async (merged) => {
        this.seq = await deps.docs.append(name, merged, this.seq + 1);
      },
      stored: (batch, merged) => this.onStored(batch, merged),
      failed: (error) => this.fail(CloseCode.STORE_FAILED, "écriture impossible", error),
    });
    this.doc.on("update", this.onDocUpdate);
    this.doc.on("afterTransaction", this.onTransaction);
    this.awareness.on("update", this.onAwarenessUpdate);
    for (const field of ["title", "summary"] as const) metaText(this.doc, field).observe(this.onMetaChange);
    this.ready = this.load(after);
    // Load failures are handled in load(); waiters see the rejection, nobody else must.
    this.ready.catch(() => {});
  }

  private async load(after: Promise<unknown>): Promise<void> {
    await after.catch(() => {});
    try {
      const loaded = await this.deps.docs.load(this.name);
      Y.applyUpdate(this.doc, loaded.update, LOAD_ORIGIN);
      this.seq = loaded.lastSeq;
      this.logCount = loaded.pending;
      this.logBytes = loaded.pendingBytes;
      this.snapshotBytes = loaded.update.byteLength;
      // An episode from before titles were shared: its stored title moves into the document before anyone syncs.
      // (A room with nothing stored belongs to no episode: every episode is created with its document.)
      if (loaded.lastSeq > 0 && metaNeverWritten(this.doc)) {
        const meta = await this.deps.storedMeta(this.name);
        if (meta && this.state === "loading") this.doc.transact(() => seedMeta(this.doc, meta), SERVER_ORIGIN);
      }
    } catch (error) {
      this.fail(CloseCode.STORE_FAILED, "chargement impossible", error);
      throw error;
    }
    if (this.state === "loading") this.state = "open";
    this.deps.link?.queryAwareness(this.name);
    if (this.peers.size === 0) void this.unload();
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === LOAD_ORIGIN) return;
    if (origin === REMOTE_ORIGIN && !this.storeRemote) {
      const message = updateMessage(update);
      for (const peer of this.peers) peer.send(message);
      return;
    }
    if (this.staged) this.staged.push({ update, origin });
    else this.writer.enqueue(update, origin);
  };

  private readonly onTransaction = (transaction: Y.Transaction) => {
    if (this.staged) this.applied = transaction;
  };

  private readonly onMetaChange = (_event: unknown, transaction: Y.Transaction) => {
    // Another instance stored (and records) its own changes.
    if (transaction.origin !== LOAD_ORIGIN && transaction.origin !== REMOTE_ORIGIN) this.metaDirty = true;
  };

  private readonly onAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const clients = [...change.added, ...change.updated, ...change.removed];
    if (clients.length === 0) return;
    const message = awarenessMessage(this.awareness, clients);
    for (const peer of this.peers) peer.send(message);
    if (origin !== REMOTE_ORIGIN) this.deps.link?.awareness(this.name, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
  };

  /**
   * An update another instance stored. Applied after the load (whose read may or may not hold it: both are
   * harmless), relayed to the clients here, not stored again, unless it completes structs a client here sent
   * that were waiting (pending): those were never stored, so the resulting update is.
   */
  applyRemoteUpdate(update: Uint8Array): void {
    if (this.state === "loading") {
      this.ready.then(() => this.applyRemoteUpdate(update), () => {});
      return;
    }
    if (this.state !== "open") return;
    const before = pendingBytes(this.doc);
    this.storeRemote = before > 0;
    try {
      Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
    } catch (error) {
      this.fail(CloseCode.ROOM_RESET, "mise à jour d'une autre instance inapplicable", error);
      return;
    } finally {
      this.storeRemote = false;
    }
    if (pendingBytes(this.doc) > before) this.catchUp();
  }

  /**
   * Another instance's update waits on structs this room never received: the instance that stored them was
   * killed before publishing them, and no client here will send them. Every update is stored before it is
   * relayed, so the store has them. One read at a time; updates that wait meanwhile ask for one more.
   */
  private catchUp(): void {
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return;
    }
    this.catchingUp = true;
    this.deps.docs
      .load(this.name)
      .then(
        (loaded) => this.applyRemoteUpdate(loaded.update),
        (error: unknown) => this.deps.log.warn({ err: error, room: this.name }, "collab: lecture du magasin impossible"),
      )
      .finally(() => {
        this.catchingUp = false;
        if (!this.catchUpAgain) return;
        this.catchUpAgain = false;
        if (pendingBytes(this.doc) > 0) this.catchUp();
      });
  }

  applyRemoteAwareness(update: Uint8Array): void {
    if (this.state !== "open") return;
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_ORIGIN);
  }

  localAwareness(): Uint8Array | null {
    const states = this.awareness.getStates();
    const mine = [...this.peers].flatMap((p) => [...p.clientIds]).filter((id) => states.has(id));
    return mine.length === 0 ? null : awarenessProtocol.encodeAwarenessUpdate(this.awareness, mine);
  }

  join(peer: Peer): void {
    this.peers.add(peer);
  }

  leave(peer: Peer): void {
    if (!this.peers.delete(peer)) return;
    this.pending.forget(peer);
    const gone = [...peer.clientIds].filter((id) => this.awareness.getStates().has(id));
    if (gone.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, gone, null);
    if (this.peers.size === 0 && this.state === "open") void this.unload();
  }

  /** Whether a client id is already announced by another connection of this room. */
  clientIdTakenByOther(peer: Peer, clientId: number): boolean {
    for (const p of this.peers) if (p !== peer && p.clientIds.has(clientId)) return true;
    return false;
  }

  /**
   * Applies a client's update, checked (and decoded) by the guard first. With nothing waiting in the
   * document, it is stored and relayed as the client sent it once it applied whole: Yjs is not asked to
   * encode it again. Otherwise what applied is staged, so an update that fails to apply is never stored;
   * one that fails halfway leaves the doc unlike the store, so the room is reset. What waits on missing
   * structures is not applied, so not stored; past the bounds it is dropped.
   */
  applyClientUpdate(peer: Peer, update: Uint8Array): "applied" | "pending_overflow" {
    const pendingBefore = pendingBytes(this.doc);
    const whole = pendingBefore === 0;
    // Yjs encodes a transaction's update only for 'update' listeners.
    if (whole) this.doc.off("update", this.onDocUpdate);
    this.staged = [];
    try {
      Y.applyUpdate(this.doc, update, peer);
    } catch (error) {
      this.staged = null;
      this.applied = null;
      this.fail(CloseCode.ROOM_RESET, "mise à jour inapplicable", error);
      throw error;
    } finally {
      if (whole) this.doc.on("update", this.onDocUpdate);
    }
    const staged = this.staged;
    this.staged = null;
    for (const s of staged) this.writer.enqueue(s.update, s.origin);
    const applied = this.applied;
    this.applied = null;
    if (whole && applied && changed(applied)) {
      // A part left waiting: what did apply is what the document gained since (its whole delete set included).
      const stored = pendingBytes(this.doc) === 0 ? update : appliedState(this.doc, Y.encodeStateVector(applied.beforeState));
      this.writer.enqueue(stored, peer);
    }
    return this.pending.account(this.doc, peer, pendingBefore);
  }

  /** About the size of the document's encoding: what a whole-document answer costs. */
  get sizeBytes(): number {
    return this.snapshotBytes + this.logBytes;
  }

  /** Applies a server-side change like a client's: stored, then relayed; resolves once stored. */
  async applyServerChange(fn: (doc: Y.Doc) => void): Promise<void> {
    this.doc.transact(() => fn(this.doc), SERVER_ORIGIN);
    await this.writer.barrier();
  }

  /**
   * Answers a client's sync step 1. The answer is computed now but sent only once everything it
   * contains is stored: a client must never see an update the store might still lose. Returns its size.
   */
  answerSync(peer: Peer, stateVector: Uint8Array): number {
    const message = syncStep2(appliedState(this.doc, stateVector));
    const barrier = this.writer.barrier();
    if (!barrier) peer.send(message);
    else barrier.then(() => peer.send(message), () => {});
    return message.byteLength;
  }

  awarenessSnapshot(): Uint8Array | null {
    const clients = [...this.awareness.getStates().keys()];
    return clients.length === 0 ? null : awarenessMessage(this.awareness, clients);
  }

  private onStored(batch: Pending[], merged: Uint8Array): void {
    this.logCount++;
    this.logBytes += merged.byteLength;
    const origins = new Set(batch.map((p) => p.origin));
    // One origin already has the batch; a mixed batch goes to all (applying it twice is harmless).
    const skip = origins.size === 1 ? batch[0]!.origin : undefined;
    // The other instances first: their hop through Redis is the longer one.
    this.deps.link?.update(this.name, merged);
    const message = updateMessage(merged);
    for (const peer of this.peers) if (peer !== skip) peer.send(message);
    for (const p of batch) {
      const userId = (p.origin as Partial<Peer> | undefined)?.userId;
      if (typeof userId === "string") this.contributors.add(userId);
    }
    if (this.contributors.size > 0 && !this.contributorsTimer) {
      this.contributorsTimer = setTimeout(() => void this.flushContributors(), CONTRIBUTORS_FLUSH_MS);
      this.contributorsTimer.unref();
    }
    if (this.metaDirty && !this.metaTimer) {
      this.metaTimer = setTimeout(() => void this.flushMeta(), META_FLUSH_MS);
      this.metaTimer.unref();
    }
    if (this.compactionDue()) void this.compact();
  }

  private async flushMeta(): Promise<void> {
    if (this.metaTimer) clearTimeout(this.metaTimer);
    this.metaTimer = null;
    if (!this.metaDirty) return;
    this.metaDirty = false;
    try {
      await this.deps.recordMeta(this.name, readMeta(this.doc));
    } catch (error) {
      this.deps.log.warn({ err: error, room: this.name }, "collab: titre non enregistré");
    }
  }

  /**
   * A compaction rewrites the whole document, synchronously encoded: on a large document, doing it
   * every few hundred keystrokes stalls relays for nothing. So past `afterUpdates`, it waits until the
   * log is half the snapshot's size (writes stay within ~3× what was typed, the store within ~1.5× the
   * document); `maxUpdates` bounds what a cold load merges, `afterBytes` the log's size.
   */
  private compactionDue(): boolean {
    const { afterUpdates, maxUpdates, afterBytes } = this.deps.compaction;
    if (this.logCount >= maxUpdates || this.logBytes >= afterBytes) return true;
    return this.logCount >= afterUpdates && this.logBytes * 2 >= this.snapshotBytes;
  }

  private async flushContributors(): Promise<void> {
    if (this.contributorsTimer) clearTimeout(this.contributorsTimer);
    this.contributorsTimer = null;
    if (this.contributors.size === 0) return;
    const ids = [...this.contributors];
    this.contributors.clear();
    try {
      await this.deps.recordContributors(this.name, ids);
    } catch (error) {
      this.deps.log.warn({ err: error, room: this.name }, "collab: crédits non enregistrés");
    }
  }

  /** Folds the stored log into a snapshot in the background; one at a time per room. */
  compact(): Promise<void> {
    this.compacting ??= (async () => {
      const count = this.logCount;
      const bytes = this.logBytes;
      try {
        // The doc holds every update this instance stored (applied before stored), maybe more: harmless. With
        // others, their updates may still be on their way here: the stored log is merged in, and only the
        // entries read are removed (another's stale append may land below the snapshot meanwhile).
        const mine = appliedState(this.doc);
        const loaded = this.deps.link ? await this.deps.docs.load(this.name) : null;
        const upTo = Math.max(this.seq, loaded?.lastSeq ?? 0);
        const state = loaded ? Y.mergeUpdates([mine, loaded.update]) : mine;
        await this.deps.docs.compact(this.name, state, upTo, loaded?.ids);
        // Later guesses go above every entry seen, so they do not keep landing in freed slots.
        this.seq = Math.max(this.seq, upTo);
        this.logCount -= count;
        this.logBytes -= bytes;
        this.snapshotBytes = state.byteLength;
      } catch (error) {
        this.deps.log.warn({ err: error, room: this.name }, "collab: compaction impossible");
      } finally {
        this.compacting = null;
      }
    })();
    return this.compacting;
  }

  /** Flushes writes, credits and (if worth it) the snapshot, then frees everything. */
  private async unload(): Promise<void> {
    if (this.unloading) return;
    this.unloading = true;
    this.state = "closing";
    await this.ready.catch(() => {});
    await this.writer.idle();
    await this.flushContributors();
    if (!this.writer.broken) await this.flushMeta();
    await this.compacting;
    if (!this.writer.broken && this.logCount >= COMPACT_ON_UNLOAD_AFTER) await this.compact();
    this.destroy();
  }

  /** Closes every connection and unloads; clients that reconnect get a room loaded afresh. */
  fail(code: number, reason: string, error: unknown): void {
    this.deps.log.error({ err: error, room: this.name, code }, `collab: salle fermée (${reason})`);
    this.shutdown(code, reason);
  }

  /** Closes every connection (e.g. the server stops); resolves once the room is unloaded. */
  shutdown(code: number, reason: string): Promise<void> {
    this.state = "closing";
    for (const peer of [...this.peers]) peer.close(code, reason);
    this.peers.clear();
    void this.unload();
    return this.closed;
  }

  private destroy(): void {
    if (this.contributorsTimer) clearTimeout(this.contributorsTimer);
    if (this.metaTimer) clearTimeout(this.metaTimer);
    this.doc.off("update", this.onDocUpdate);
    this.doc.off("afterTransaction", this.onTransaction);
    this.awareness.off("update", this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
    this.resolveClosed();
  }
}

/** Whether a transaction changed anything: Yjs's own test before it emits an update. */
function changed(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of transaction.afterState) if (transaction.beforeState.get(client) !== clock) return true;
  return false;
}
