// Collaboration test helpers: stock y-websocket providers over the ws polyfill, raw upgrades, waiting.
import http from "node:http";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { bodyText } from "../../bench/traceBody.ts";
import type { TestServer } from "../helpers/server.ts";

export { bodyText };

// Each provider registers a process "exit" listener; tests open many at once.
process.setMaxListeners(200);

/** A ws WebSocket that sends the headers a browser would (session cookie, Origin). */
export function webSocketWith(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  };
}

export type Client = { doc: Y.Doc; provider: WebsocketProvider; text: Y.Text; synced: Promise<void> };

/** A stock y-websocket provider for one room, signed in with `cookie`. */
export function connect(serverUrl: string, room: string, cookie: string, origin: string, doc = new Y.Doc()): Client {
  const provider = new WebsocketProvider(`${serverUrl.replace(/^http/, "ws")}/collab`, room, doc, {
    WebSocketPolyfill: webSocketWith({ Cookie: cookie, Origin: origin }) as unknown as typeof globalThis.WebSocket,
    // Providers in one process would otherwise sync through BroadcastChannel, around the server.
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once("sync", () => resolve());
  });
  return { doc, provider, text: bodyText(doc), synced };
}

export function disconnectAll(clients: Client[]): void {
  for (const c of clients) {
    c.provider.destroy();
    c.doc.destroy();
  }
}

type Raw = { ws: WebSocket; messages: Uint8Array[]; closed: Promise<number> };

/** A bare socket to a room, signed in with `cookie`: what it receives, and the code it is closed with. */
export function raw(server: TestServer, room: string, cookie: string): Promise<Raw> {
  const ws = new WebSocket(`${server.url.replace(/^http/, "ws")}/collab/${room}`, {
    headers: { Cookie: cookie, Origin: server.origin },
    perMessageDeflate: false,
  });
  const messages: Uint8Array[] = [];
  ws.on("message", (data: Buffer) => messages.push(new Uint8Array(data)));
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    ws.once("error", reject);
    ws.once("open", () => resolve({ ws, messages, closed }));
  });
}

/** Polls until `check` holds; fails with `what` after `ms`. */
export async function waitFor(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Attempts a WebSocket upgrade and returns the HTTP status (101 when accepted) and the body. */
export function upgradeStatus(serverUrl: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${serverUrl}${path}`, {
      headers: {
        Connection: "Upgrade",
        Upgrade: "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": Buffer.from("0123456789abcdef").toString("base64"),
        ...headers,
      },
    });
    req.on("upgrade", (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, body: "" });
    });
    req.on("response", (res) => {
      let body = "";
      res.on("data", (d) => {
        body += d;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Resolves when the store holds everything `client` wrote, or the server closed its socket (then false). */
export async function stored(server: TestServer, client: Client, room: string, closed = () => false): Promise<boolean> {
  const want = Buffer.from(Y.encodeStateVector(client.doc));
  const until = Date.now() + 15_000;
  for (;;) {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, (await server.ctx.repos.docs.load(room)).update);
    if (Buffer.from(Y.encodeStateVector(copy)).equals(want)) return true;
    if (closed()) return false;
    if (Date.now() > until) throw new Error(`the store never received the body of ${room}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
