// The collaboration socket at /collab/:room: authenticate → load → change → store, beside the HTTP app.
import type http from "node:http";
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import type * as Y from "yjs";
import type { Attach } from "../../server/attach.ts";
import type { Context } from "../../server/context.ts";
import { collabAccess } from "../../server/domain/policy.ts";
import { clientIp } from "../../server/http/clientIp.ts";
import { sessionCookieName } from "../../server/http/cookies.ts";
import { type AdmitDeps, admit } from "./access.ts";
import { CloseCode } from "./closeCodes.ts";
import { type RoomLink, roomLink } from "./cluster.ts";
import { reviewMessage } from "../wire.ts";
import { Connection } from "./connection.ts";
import { type Compaction, Room } from "./room.ts";
import { UPDATE_LIMITS, type UpdateLimits } from "./updateGuard.ts";

const PREFIX = "/collab/";
const KEEPALIVE_MS = 30_000;
/** Background compaction of a room's update log: see Room.compactionDue. */
const COMPACTION: Compaction = { afterUpdates: 500, maxUpdates: 5_000, afterBytes: 1024 * 1024 };

export type CollabOptions = { keepaliveMs?: number; compaction?: Compaction; updateLimits?: UpdateLimits };

/** Builds the attachment; `collabAttachment` below is the default one. */
export function collab(options: CollabOptions = {}): Attach {
  return async (ctx, server) => {
    const c = new CollabServer(ctx, options);
    const linked = ctx.bus ? await roomLink(ctx.bus, (name) => c.liveRoom(name), c.log) : null;
    c.link = linked?.link;
    const offReconnect = ctx.bus?.onReconnect(() => void c.resyncRooms());
    server.on("upgrade", c.onUpgrade);
    return {
      close: async () => {
        offReconnect?.();
        server.off("upgrade", c.onUpgrade);
        await c.close();
        await linked?.stop();
      },
    };
  };
}

export const collabAttachment: Attach = collab();

class CollabServer {
  readonly log;
  /** The other instances, when there are (REDIS_URL). */
  link: RoomLink | undefined;
  private readonly wss: WebSocketServer;
  readonly rooms = new Map<string, Room>();
  /** Store-only document changes under way, per room: a room loading meanwhile waits for them. */
  private readonly storeChanges = new Map<string, Promise<void>>();
  private readonly connections = new Set<Connection>();
  /** Each client address's open connections: counted against the limit, and sharing one outgoing budget. */
  private readonly perIp = new Map<string, Set<Connection>>();
  private readonly keepalive: NodeJS.Timeout;
  private readonly unsubscribe: (() => void)[] = [];
  private closing = false;
  private readonly compaction: Compaction;
  private readonly updateLimits: UpdateLimits;
  private readonly admission: AdmitDeps;

  constructor(
    private readonly ctx: Context,
    options: CollabOptions,
  ) {
    this.log = ctx.log.child({ module: "collab" });
    this.compaction = options.compaction ?? COMPACTION;
    this.updateLimits = options.updateLimits ?? UPDATE_LIMITS;
    this.admission = {
      publicUrl: ctx.config.publicUrl,
      sessionCookie: sessionCookieName(ctx.config),
      resolveSession: (token) => ctx.services.sessions.resolve(token),
      episodeById: (id) => ctx.repos.episodes.byId(id),
      territoryById: (id) => ctx.repos.territories.byId(id),
    };
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: ctx.config.collabMaxMessageBytes,
      perMessageDeflate: false,
      clientTracking: false,
    });
    this.keepalive = setInterval(() => this.ping(), options.keepaliveMs ?? KEEPALIVE_MS);
    this.keepalive.unref();
    this.unsubscribe.push(
      ctx.events.onEveryInstance("access.changed", ({ userId }) => {
        for (const c of this.connections) if (c.userId === userId) this.recheck(c, true);
      }),
      ctx.events.onEveryInstance("episode.statusChanged", ({ episodeId }) => {
        for (const c of this.connections) if (c.episodeId === episodeId) this.recheck(c, false);
      }),
      // Every instance tells its own readers of the draft; what they may see, they read from the API.
      ctx.events.onEveryInstance("review.changed", ({ episodeId }) => {
        for (const c of this.connections) if (c.episodeId === episodeId) c.send(reviewMessage());
      }),
      ctx.services.documentChanges.plugLiveRooms({ change: (room, fn, inStore) => this.change(room, fn, inStore) }),
    );
  }

  readonly onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? "").split("?")[0] ?? "";
    socket.on("error", () => {});
    // Nothing else upgrades: unanswered, the socket would stay open until the client gives up.
    if (!path.startsWith(PREFIX)) return refuse(socket, 404, "not_found", "Aucun service WebSocket à cette adresse.");
    this.upgrade(req, socket, head, path.slice(PREFIX.length)).catch((error: unknown) => {
      this.log.error({ err: error }, "collab: ouverture impossible");
      refuse(socket, 500, "internal", "Erreur interne.");
    });
  };

  private async upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer, room: string): Promise<void> {
    if (this.closing) return refuse(socket, 503, "unavailable", "Serveur en cours d'arrêt.");
    const verdict = await admit(this.admission, req, room);
    if (!verdict.ok) return refuse(socket, verdict.status, verdict.code, verdict.message);
    const ip = clientIp(req, this.ctx.config.trustProxy);
    if ((this.perIp.get(ip)?.size ?? 0) >= this.ctx.config.collabMaxConnectionsPerIp)
      return refuse(socket, 429, "too_many_connections", "Trop de connexions depuis cette adresse.");
    if (socket.destroyed || this.closing) {
      socket.destroy();
      return;
    }
    // Without verifyClient, ws calls back synchronously: the count cannot race past the limit.
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const sameAddress = this.perIp.get(ip) ?? new Set<Connection>();
      this.perIp.set(ip, sameAddress);
      const conn = new Connection(
        ws,
        this.roomFor(verdict.room),
        verdict.identity,
        verdict.actor,
        verdict.token,
        verdict.episodeId,
        verdict.access,
        sameAddress,
        this.log,
        this.updateLimits,
      );
      sameAddress.add(conn);
      this.connections.add(conn);
      conn.start((c) => {
        this.connections.delete(c);
        sameAddress.delete(c);
        if (sameAddress.size === 0 && this.perIp.get(ip) === sameAddress) this.perIp.delete(ip);
      });
    });
  }

  /** The live room, or a new one that loads once the closing one (if any) and store-only changes are done. */
  private roomFor(name: string): Room {
    const existing = this.rooms.get(name);
    if (existing && existing.state !== "closing") return existing;
    const after = Promise.all([existing?.closed, this.storeChanges.get(name)]);
    const room = new Room(
      name,
      {
        docs: this.ctx.repos.docs,
        log: this.log,
        recordContributors: (r, ids) => this.recordContributors(r, ids),
        recordMeta: (r, meta) => this.ctx.services.episodes.adoptMeta(episodeIdOf(r), meta),
        storedMeta: async (r) => {
          const episode = await this.ctx.repos.episodes.byId(episodeIdOf(r));
          return episode && { title: episode.title, summary: episode.summary };
        },
        compaction: this.compaction,
        link: this.link,
      },
      after,
    );
    this.rooms.set(name, room);
    room.closed.then(() => {
      if (this.rooms.get(name) === room) this.rooms.delete(name);
    });
    return room;
  }

  /** A room loading or open here, for what other instances send. */
  liveRoom(name: string): Room | undefined {
    const room = this.rooms.get(name);
    return room && room.state !== "closing" ? room : undefined;
  }

  /**
   * After the bus was lost: what other instances stored meanwhile never reached the rooms here, so each open room
   * reads the store again (every update is stored before it is relayed) and asks for the others' presence.
   */
  async resyncRooms(): Promise<void> {
    for (const [name, room] of this.rooms) {
      if (room.state !== "open") continue;
      try {
        room.applyRemoteUpdate((await this.ctx.repos.docs.load(name)).update);
        this.link?.queryAwareness(name);
      } catch (error) {
        this.log.warn({ err: error, room: name }, "collab : resynchronisation après la perte du bus impossible");
      }
    }
  }

  private async recordContributors(room: string, userIds: string[]): Promise<void> {
    const episodeId = episodeIdOf(room);
    const episode = await this.ctx.repos.episodes.byId(episodeId);
    if (!episode) return;
    const fresh = userIds.filter((id) => !episode.contributorIds.includes(id));
    if (fresh.length > 0) await this.ctx.repos.episodes.addContributors(episodeId, fresh);
  }

  /** Server-side changes: through the live room when there is one, else straight to the store. */
  private async change(name: string, fn: (doc: Y.Doc) => void, inStore: () => Promise<Uint8Array | null>): Promise<void> {
    const live = this.rooms.get(name);
    if (live && live.state !== "closing") {
      await live.ready.catch(() => {});
      if (live.state === "open") return await live.applyServerChange(fn);
    }
    const before = Promise.all([live?.closed, this.storeChanges.get(name)]).catch(() => {});
    const run = before.then(inStore).then((update) => {
      if (update) this.link?.update(name, update);
    });
    const tracked = run.then(
      () => {},
      () => {},
    );
    this.storeChanges.set(name, tracked);
    void tracked.then(() => {
      if (this.storeChanges.get(name) === tracked) this.storeChanges.delete(name);
    });
    await run;
  }

  /** Applies a role or status change to a live connection: downgrade, upgrade or disconnect. */
  private recheck(conn: Connection, resolveSession: boolean): void {
    conn.recheck = conn.recheck.then(async () => {
      try {
        if (resolveSession) {
          const session = await this.ctx.services.sessions.resolve(conn.sessionToken);
          if (!session.user) return conn.close(CloseCode.SESSION_ENDED, "session terminée");
          conn.actor = session.actor;
        }
        const episode = await this.ctx.repos.episodes.byId(conn.episodeId);
        const access = episode ? collabAccess(conn.actor, episode.programmeId, episode.status) : "none";
        if (access === "none") {
          this.log.info({ room: conn.room.name, user: conn.userId, code: CloseCode.ACCESS_REVOKED }, "collab: accès retiré");
          return conn.close(CloseCode.ACCESS_REVOKED, "accès retiré");
        }
        conn.setAccess(access);
      } catch (error) {
        this.log.error({ err: error, room: conn.room.name }, "collab: vérification d'accès impossible");
        conn.close(CloseCode.ROOM_RESET, "vérification d'accès impossible");
      }
    });
  }

  private ping(): void {
    for (const c of this.connections) {
      if (!c.alive) {
        this.log.info({ room: c.room.name, user: c.userId, code: CloseCode.KEEPALIVE_TIMEOUT }, "collab: client muet");
        // The close frame names the reason to a client that is merely slow; a dead one is cut by close()'s timer.
        c.close(CloseCode.KEEPALIVE_TIMEOUT, "client muet");
        continue;
      }
      c.alive = false;
      c.ping();
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.keepalive);
    for (const off of this.unsubscribe) off();
    await Promise.all([...this.rooms.values()].map((r) => r.shutdown(CloseCode.GOING_AWAY, "arrêt du serveur")));
    await Promise.all([...this.storeChanges.values()]);
    // Give closing handshakes a moment, then cut whatever is left.
    for (let i = 0; i < 20 && this.connections.size > 0; i++) await new Promise((r) => setTimeout(r, 25));
    for (const c of this.connections) c.terminate();
    this.wss.close();
  }
}

const episodeIdOf = (room: string) => room.slice("episode-".length);

/** Answers an upgrade with a plain HTTP error, as the JSON API would, and closes the socket. */
function refuse(socket: Duplex, status: number, code: string, message: string): void {
  if (socket.destroyed) return;
  const body = JSON.stringify({ error: { code, message } });
  socket.once("finish", () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}\r\n` +
      "Connection: close\r\n" +
      "Content-Type: application/json; charset=utf-8\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
