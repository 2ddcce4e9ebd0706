// The socket to /collab/episode-<id>: builds the y-websocket provider for CollaborationPlugin and tracks its state.
import type { Provider } from "@lexical/yjs";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { readSync, SyncType, syncStep1 } from "../../../collab/wire.ts";

export type LinkState = "connecting" | "offline" | "sending" | "saved";

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
 * before it answers anything after it.
 */
export class CollabLink {
  provider: WebsocketProvider | null = null;
  state: LinkState = "connecting";
  peers: Peer[] = [];
  private listeners = new Set<() => void>();
  private dirty = false;
  private probeTimer: ReturnType<typeof setTimeout> | undefined;
  private probing = false;
  private onlineHandler = () => this.provider?.connect();
  private offlineHandler = () => this.provider?.disconnect();

  constructor(readonly serverUrl: string) {}

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }

  private setState(next: LinkState): void {
    if (next === this.state) return;
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
    // disableBc: every tab goes through the server, which alone decides who may write.
    const provider = new WebsocketProvider(this.serverUrl, id, doc, { connect: false, disableBc: true, maxBackoffTime: 2500 });
    this.provider = provider;
    provider.on("status", ({ status }) => this.onStatus(status));
    provider.on("sync", (synced) => {
      if (synced && !this.dirty) this.setState("saved");
    });
    doc.on("update", (_update: Uint8Array, origin: unknown) => {
      if (origin === provider) return;
      this.dirty = true;
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
    return provider as unknown as Provider;
  };

  private onStatus(status: "connected" | "disconnected" | "connecting"): void {
    if (status === "connected") {
      this.setState(this.dirty ? "sending" : "saved");
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
          this.setState("saved");
        }
      }
    });
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
  }

  destroy(): void {
    clearTimeout(this.probeTimer);
    this.detach();
    this.listeners.clear();
  }
}

export function collabServerUrl(): string {
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${window.location.host}/collab`;
}
