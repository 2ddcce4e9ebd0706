// One collaborator's socket: waits for the room to load, decodes each message, enforces read-only and presence.
import * as decoding from "lib0/decoding";
import type { WebSocket } from "ws";
import * as Y from "yjs";
import type { Actor } from "../../server/domain/policy.ts";
import type { Logger } from "../../server/log.ts";
import * as awarenessProtocol from "y-protocols/awareness";
import { MessageType, SyncType, syncStep1 } from "../wire.ts";
import { CloseCode } from "./closeCodes.ts";
import { PENDING_LIMITS } from "./pending.ts";
import { type Identity, sanitizeAwareness } from "./presence.ts";
import type { Peer, Room } from "./room.ts";
import { SyncGate } from "./syncGate.ts";
import { checkUpdate, type Refusal, type UpdateLimits } from "./updateGuard.ts";

export type Access = "read" | "write";

/** Messages a client may send while its room loads, or before it answers our sync step 1; more is not a client, it is a flood. */
const MAX_QUEUED = 1_000;
const MAX_QUEUED_BYTES = 8 * 1024 * 1024;
/**
 * Unsent data a connection may hold: room for a whole-document answer and a margin, no more; and all
 * the connections of one client address together. A client past it does not read, and is cut rather
 * than allowed to pin the memory.
 */
export const OUTBOX = {
  baseBytes: 1024 * 1024,
  perDocumentByte: 2,
  maxBytes: 32 * 1024 * 1024,
  perAddressBytes: 64 * 1024 * 1024,
  /** Under this, a connection keeps up: the address's total is not worth adding. */
  keepingUpBytes: 64 * 1024,
};

/** Handles one message type; the decoder stands after the type. A new message type is one entry. */
type MessageHandler = (conn: Connection, decoder: decoding.Decoder) => void;

const handlers: Record<number, MessageHandler> = {
  [MessageType.sync]: (c, d) => c.onSync(d),
  [MessageType.awareness]: (c, d) => c.onAwareness(decoding.readVarUint8Array(d)),
  [MessageType.queryAwareness]: (c) => c.sendPresence(),
  // Access is decided on the upgrade; the client has nothing to say about it.
  [MessageType.auth]: () => {},
  // Review notices go from the server to clients; review threads change through the API only.
  [MessageType.review]: () => {},
};

export class Connection implements Peer {
  readonly clientIds = new Set<number>();
  /** Answered the last keepalive ping. */
  alive = true;
  private queue: Uint8Array[] | null = [];
  private queuedBytes = 0;
  /**
   * Sync messages held until the client answers our sync step 1 (null: not waiting). That answer brings
   * what the client holds and the room lacks (typed offline, or stored by an instance killed before it
   * relayed it); updates sent before it build on exactly that, so they wait for it rather than being
   * refused as unresolved or left pending. Later requests wait behind them: answers keep their order.
   */
  private held: { kind: number; payload: Uint8Array }[] | null = null;
  private heldBytes = 0;
  private closing = false;
  private killTimer: NodeJS.Timeout | null = null;
  private readonly syncGate: SyncGate;
  /** Access re-checks run one after another, in the order their events came. */
  recheck: Promise<void> = Promise.resolve();

  constructor(
    private readonly ws: WebSocket,
    readonly room: Room,
    readonly identity: Identity,
    public actor: Actor,
    readonly sessionToken: string,
    readonly episodeId: string,
    public access: Access,
    /** The open connections from the same client address, this one included. */
    private readonly sameAddress: ReadonlySet<Connection>,
    private readonly log: Logger,
    private readonly updateLimits: UpdateLimits,
  ) {
    this.syncGate = new SyncGate({
      documentBytes: () => this.room.sizeBytes,
      unread: () => this.ws.bufferedAmount,
      answer: (stateVector) => this.room.answerSync(this, stateVector),
      tooSlow: () => this.tooSlow(),
    });
  }

  get userId(): string {
    return this.identity.id;
  }

  start(onClosed: (c: Connection) => void): void {
    this.ws.on("message", (data, isBinary) => this.receive(data as Buffer, isBinary));
    this.ws.on("pong", () => {
      this.alive = true;
    });
    this.ws.on("error", (error) => {
      this.log.warn({ err: error, room: this.room.name, user: this.userId }, "collab: erreur de socket");
    });
    this.ws.on("close", () => {
      if (this.killTimer) clearTimeout(this.killTimer);
      this.syncGate.stop();
      this.queue = null;
      this.room.leave(this);
      onClosed(this);
    });
    this.room.join(this);
    this.room.ready.then(
      () => {
        try {
          this.opened();
        } catch (error) {
          this.malformed(error);
        }
      },
      () => this.close(CloseCode.STORE_FAILED, "chargement impossible"),
    );
  }

  private opened(): void {
    if (this.closing) return;
    // A read-only client's answer to our step 1 would be dropped anyway: do not ask for it.
    if (this.access === "write") this.askForAnswer();
    this.sendPresence();
    const queued = this.queue ?? [];
    this.queue = null;
    for (const message of queued) {
      if (this.closing) return;
      this.handle(message);
    }
  }

  private receive(data: Buffer, isBinary: boolean): void {
    if (this.closing) return;
    if (!isBinary) {
      this.malformed(new Error("text frame"));
      return;
    }
    const message = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (this.queue) {
      this.queuedBytes += message.byteLength;
      if (this.queue.length >= MAX_QUEUED || this.queuedBytes > MAX_QUEUED_BYTES) {
        this.malformed(new Error("too many messages before load"));
        return;
      }
      this.queue.push(message);
      return;
    }
    this.handle(message);
  }

  private handle(message: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      const handler = handlers[type];
      if (!handler) throw new Error(`unknown message type ${type}`);
      handler(this, decoder);
    } catch (error) {
      this.malformed(error);
    }
  }

  onSync(decoder: decoding.Decoder): void {
    const kind = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    const held = this.held;
    if (held && (kind === SyncType.update || (kind === SyncType.step1 && held.length > 0))) {
      held.push({ kind, payload });
      this.heldBytes += payload.byteLength;
      // Past what a connection may leave pending, what it sent is handled as it comes (and bounded there).
      if (held.length >= MAX_QUEUED || this.heldBytes > PENDING_LIMITS.connectionBytes) this.release();
      return;
    }
    this.sync(kind, payload);
    if (kind === SyncType.step2 && held) this.release();
  }

  /** Sends our sync step 1; the client's updates wait for its answer. */
  private askForAnswer(): void {
    this.held ??= [];
    this.send(syncStep1(this.room.doc));
  }

  /** Handles what waited for the answer, in order. */
  private release(): void {
    const held = this.held ?? [];
    this.held = null;
    this.heldBytes = 0;
    for (const { kind, payload } of held) {
      if (this.closing) return;
      this.sync(kind, payload);
    }
  }

  private sync(kind: number, payload: Uint8Array): void {
    switch (kind) {
      case SyncType.step1:
        Y.decodeStateVector(payload);
        this.syncGate.request(payload);
        return;
      case SyncType.step2:
      case SyncType.update:
        // Read-only: dropped unread, so it is never stored nor relayed.
        if (this.access !== "write") return;
        if (this.room.state !== "open") return;
        if (this.refused(checkUpdate(this.room, payload, this.updateLimits))) return;
        if (this.room.applyClientUpdate(this, payload) === "pending_overflow") {
          this.log.warn(
            { room: this.room.name, user: this.userId, code: CloseCode.PENDING_OVERFLOW },
            "collab: trop de modifications en attente de dépendances, connexion fermée",
          );
          this.close(CloseCode.PENDING_OVERFLOW, "modifications en attente");
        }
        return;
      default:
        throw new Error(`unknown sync message ${kind}`);
    }
  }

  onAwareness(update: Uint8Array): void {
    const clean = sanitizeAwareness(
      update,
      { owned: this.clientIds, takenByOther: (id) => this.room.clientIdTakenByOther(this, id) },
      this.identity,
    );
    if (clean) awarenessProtocol.applyAwarenessUpdate(this.room.awareness, clean, this);
  }

  sendPresence(): void {
    const presence = this.room.awarenessSnapshot();
    if (presence) this.send(presence);
  }

  /** Closes on a refused update: the room and the store never see it. */
  private refused(refusal: Refusal | null): boolean {
    if (!refusal) return false;
    this.log.warn(
      { room: this.room.name, user: this.userId, refusal, code: CloseCode.UPDATE_REFUSED },
      "collab: modification refusée, connexion fermée",
    );
    this.close(CloseCode.UPDATE_REFUSED, "modification refusée");
    return true;
  }

  private malformed(error: unknown): void {
    this.log.warn(
      { err: error, room: this.room.name, user: this.userId, code: CloseCode.MALFORMED_MESSAGE },
      "collab: message invalide, connexion fermée",
    );
    this.close(CloseCode.MALFORMED_MESSAGE, "message invalide");
  }

  send(message: Uint8Array): void {
    if (this.closing || this.ws.readyState !== this.ws.OPEN) return;
    if (this.withinBudget(this.ws.bufferedAmount + message.byteLength)) this.ws.send(message);
    else this.tooSlow();
  }

  get unread(): number {
    return this.ws.bufferedAmount;
  }

  private withinBudget(unread: number): boolean {
    if (unread <= OUTBOX.keepingUpBytes) return true;
    if (unread > Math.min(OUTBOX.maxBytes, OUTBOX.baseBytes + OUTBOX.perDocumentByte * this.room.sizeBytes)) return false;
    let address = unread - this.unread;
    for (const c of this.sameAddress) address += c.unread;
    return address <= OUTBOX.perAddressBytes;
  }

  private tooSlow(): void {
    this.log.warn({ room: this.room.name, user: this.userId, code: CloseCode.TOO_SLOW }, "collab: client trop lent");
    this.close(CloseCode.TOO_SLOW, "client trop lent");
  }

  close(code: number, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    this.queue = null;
    this.held = null;
    this.syncGate.stop();
    this.room.leave(this);
    this.ws.close(code, reason);
    // A peer that never answers the closing handshake is cut off.
    this.killTimer = setTimeout(() => this.ws.terminate(), 5_000);
    this.killTimer.unref();
  }

  /**
   * Applies a re-checked access at once. A reader made writer is sent a sync step 1, as writers are on
   * opening: its answer brings whatever the client holds that the room lacks, so later updates apply.
   */
  setAccess(access: Access): void {
    const promoted = this.access === "read" && access === "write";
    this.access = access;
    // Still loading: opened() asks with the new access.
    if (promoted && this.queue === null && !this.closing) this.askForAnswer();
  }

  ping(): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.ping();
  }

  terminate(): void {
    this.closing = true;
    this.syncGate.stop();
    this.room.leave(this);
    this.ws.terminate();
  }
}
