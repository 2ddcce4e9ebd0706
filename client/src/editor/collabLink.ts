// The socket to /collab/episode-<id>: builds the y-websocket provider for CollaborationPlugin and tracks its state.
import type { Provider } from "@lexical/yjs";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { CloseCode } from "../../../collab/server/closeCodes.ts";
import { MessageType, readSync, SyncType, syncStep1 } from "../../../collab/wire.ts";
import { COPY_PREFIX, keepsCopies, trackCopy } from "../offline/device.ts";

/**
 * "refused": the person lost access; the server refused what was waiting and the device copy is erased.
 * "rejected": the server refused a change this document must not hold; the copy is erased too, or every reopening would resend it.
 */
export type LinkState = "connecting" | "offline" | "sending" | "saved" | "refused" | "rejected";
/** Where unsent changes live: nowhere but this tab ("none": the person keeps nothing on the device), being written, or on the device. */
export type DeviceState = "none" | "saving" | "kept";
export type LinkView = { state: LinkState; pending: number; device: DeviceState };

export type Peer = { clientId: number; name: string; territory: string | null; color: string; userId: string | null };

type AwarenessLike = {
  clientID: number;
  getStates(): Map<number, Record<string, unknown>>;
  on(event: "change", fn: () => void): void;
  off(event: "change", fn: () => void): void;
};

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v : null);

/** Reads a peer from an awareness state: the server vouches for name and territory. */
function peerOf(clientId: number, state: Record<string, unknown>): Peer | null {
  const data = (state.awarenessData ?? {}) as Record<string, unknown>;
  const user = (state.user ?? {}) as Record<string, unknown>;
  const name = text(user.name) ?? text(data.name) ?? text(state.name);
  if (!name) return null;
  const territory = text(user.territory) ?? text(data.territory) ?? text(state.territory);
  const color = text(user.color) ?? text(state.color) ?? "#1d4ed8";
  const userId = text(user.id) ?? text(data.userId) ?? text(state.userId);
  return { clientId, name, territory, color, userId };
}

/**
 * One link per opened episode. "saved" is claimed only after the server answered a sync request sent
 * after our last change: the server handles a connection's messages in order and stores an update
 * before it answers anything after it. Likewise "kept" on the device only once IndexedDB finished
 * writing our last change.
 */
export class CollabLink {
  provider: WebsocketProvider | null = null;
  /** The episode's shared document, once CollaborationPlugin asked for it (title and summary live there too). */
  doc: Y.Doc | null = null;
  state: LinkState = "connecting";
  peers: Peer[] = [];
  /** Changes typed in this tab that the server has not confirmed yet. */
  pending = 0;
  device: DeviceState = "none";
  view: LinkView = { state: this.state, pending: 0, device: this.device };
  private copy: IndexeddbPersistence | null = null;
  private untrackCopy = () => {};
  private deviceChecks = 0;
  private listeners = new Set<() => void>();
  private reviewListeners = new Set<() => void>();
  private dirty = false;
  private probeTimer: ReturnType<typeof setTimeout> | undefined;
  private probing = false;
  private onlineHandler = () => this.provider?.connect();
  private offlineHandler = () => this.provider?.disconnect();
  // Leaving with changes that are neither on the server nor on the device loses them: ask first.
  private unloadHandler = (event: BeforeUnloadEvent) => {
    if (this.pending > 0 && this.device !== "kept") event.preventDefault();
  };

  private checkingAccess = false;

  /** `stillAllowed`: asks the API whether the person may still open this episode (false only when refused). */
  constructor(
    readonly serverUrl: string,
    private readonly stillAllowed: () => Promise<boolean>,
  ) {}

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Called when the episode's review threads changed, and on each (re)connection, when notices may have been missed. */
  onReview(fn: () => void): () => void {
    this.reviewListeners.add(fn);
    return () => this.reviewListeners.delete(fn);
  }

  private reviewChanged(): void {
    for (const fn of this.reviewListeners) fn();
  }

  private emit(): void {
    this.view = { state: this.state, pending: this.pending, device: this.device };
    for (const fn of this.listeners) fn();
  }

  /** Refused or rejected: the link stays closed. */
  private get ended(): boolean {
    return this.state === "refused" || this.state === "rejected";
  }

  private setState(next: LinkState): void {
    if (next === this.state || this.ended) return;
    this.state = next;
    this.emit();
  }

  /** The providerFactory given to CollaborationPlugin. */
  readonly factory = (id: string, docs: Map<string, Y.Doc>): Provider => {
    let doc = docs.get(id);
    if (!doc) {
      doc = new Y.Doc();
      docs.set(id, doc);
    }
    this.detach();
    this.doc = doc;
    // Before the provider and our own listener: the copy stores each update before we ask whether it is stored.
    if (keepsCopies()) this.keepOnDevice(id, doc);
    // disableBc: every tab goes through the server, which alone decides who may write.
    const provider = new WebsocketProvider(this.serverUrl, id, doc, { connect: false, disableBc: true, maxBackoffTime: 2500 });
    this.provider = provider;
    provider.messageHandlers[MessageType.review] = () => this.reviewChanged();
    provider.on("status", ({ status }) => this.onStatus(status));
    provider.on("connection-close", (event) => this.onClose(event));
    provider.on("sync", (synced) => {
      if (synced && !this.dirty) this.confirmSaved();
    });
    doc.on("update", (_update: Uint8Array, origin: unknown) => {
      if (origin === provider) return;
      this.dirty = true;
      if (origin !== this.copy) {
        this.pending++;
        this.checkDevice();
        this.emit();
      }
      if (this.state !== "offline" && this.state !== "connecting") this.setState("sending");
      this.scheduleProbe();
    });
    const awareness = provider.awareness as unknown as AwarenessLike;
    const refresh = () => {
      const peers: Peer[] = [];
      for (const [clientId, state] of awareness.getStates()) {
        if (clientId === awareness.clientID) continue;
        const peer = peerOf(clientId, state);
        if (peer) peers.push(peer);
      }
      this.peers = peers;
      this.emit();
    };
    awareness.on("change", refresh);
    window.addEventListener("online", this.onlineHandler);
    window.addEventListener("offline", this.offlineHandler);
    window.addEventListener("beforeunload", this.unloadHandler);
    this.emit();
    return provider as unknown as Provider;
  };

  /**
   * A browser cannot see why an upgrade failed (403 after removal looks like a network error):
   * while online, a failed connection asks the API whether access remains.
   */
  private onClose(event: CloseEvent | null): void {
    if (this.ended || !navigator.onLine) return;
    if (event?.code === CloseCode.ACCESS_REVOKED || event?.code === CloseCode.UPDATE_REFUSED) {
      void this.revoke(event.code === CloseCode.UPDATE_REFUSED ? "rejected" : "refused");
      return;
    }
    if (this.checkingAccess) return;
    this.checkingAccess = true;
    void this.stillAllowed()
      .then((allowed) => (allowed ? undefined : this.revoke("refused")))
      .finally(() => {
        this.checkingAccess = false;
      });
  }

  /** Access lost or a change refused: nothing more is sent, and the device keeps nothing of this episode. */
  private async revoke(state: "refused" | "rejected"): Promise<void> {
    this.provider?.disconnect();
    clearTimeout(this.probeTimer);
    this.untrackCopy();
    await this.copy?.clearData();
    this.copy = null;
    this.pending = 0;
    this.device = "none";
    this.state = state;
    this.emit();
  }

  private onStatus(status: "connected" | "disconnected" | "connecting"): void {
    if (this.ended) return;
    if (status === "connected") {
      this.reviewChanged();
      if (this.dirty) this.setState("sending");
      else this.confirmSaved();
      this.watchSocket();
      if (this.dirty) this.scheduleProbe();
      return;
    }
    this.probing = false;
    this.setState(status === "connecting" && navigator.onLine ? "connecting" : "offline");
  }

  private watchSocket(): void {
    const ws = this.provider?.ws;
    if (!ws) return;
    ws.addEventListener("message", (event: MessageEvent) => {
      if (!this.probing || !(event.data instanceof ArrayBuffer)) return;
      if (readSync(new Uint8Array(event.data))?.kind === SyncType.step2) {
        this.probing = false;
        if (this.probeTimer === undefined) {
          this.dirty = false;
          this.confirmSaved();
        }
      }
    });
  }

  private confirmSaved(): void {
    if (this.ended) return;
    this.pending = 0;
    this.state = "saved";
    this.emit();
  }

  /** The episode's document kept in IndexedDB: what is typed survives a closed tab, offline included. */
  private keepOnDevice(room: string, doc: Y.Doc): void {
    const copy = new IndexeddbPersistence(`${COPY_PREFIX}${room}`, doc);
    this.copy = copy;
    this.device = "saving";
    this.untrackCopy = trackCopy(copy);
    void copy.whenSynced.then(() => this.checkDevice());
  }

  /** A read after the copy's pending writes completes only once they are written (IndexedDB orders them). */
  private checkDevice(): void {
    const db = this.copy?.db;
    if (!db) return;
    this.device = "saving";
    const check = ++this.deviceChecks;
    const read = db.transaction(["updates"], "readonly");
    read.oncomplete = () => {
      if (this.copy?.db !== db || check !== this.deviceChecks) return;
      this.device = "kept";
      this.emit();
    };
  }

  private scheduleProbe(): void {
    clearTimeout(this.probeTimer);
    this.probeTimer = setTimeout(() => {
      this.probeTimer = undefined;
      this.probe();
    }, 400);
  }

  /** Sends sync step 1 (our state vector): its answer comes after our earlier updates were handled. */
  private probe(): void {
    const provider = this.provider;
    const ws = provider?.ws;
    if (!provider || !ws || ws.readyState !== WebSocket.OPEN || !provider.wsconnected) return;
    this.probing = true;
    ws.send(syncStep1(provider.doc));
  }

  private detach(): void {
    window.removeEventListener("online", this.onlineHandler);
    window.removeEventListener("offline", this.offlineHandler);
    window.removeEventListener("beforeunload", this.unloadHandler);
  }

  destroy(): void {
    clearTimeout(this.probeTimer);
    this.detach();
    this.untrackCopy();
    void this.copy?.destroy();
    this.copy = null;
    this.listeners.clear();
    this.reviewListeners.clear();
  }
}

export function collabServerUrl(): string {
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${window.location.host}/collab`;
}
