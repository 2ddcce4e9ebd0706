// Rooms across instances: each stored update and presence change is published on the bus; other instances apply it to their live room.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { Bus } from "../../server/cluster/bus.ts";
import type { Logger } from "../../server/log.ts";

const CHANNEL = "collab";
const Kind = { update: 0, awareness: 1, queryAwareness: 2 } as const;

/** What a room tells the other instances. */
export type RoomLink = {
  /** An update this instance has stored: the others relay it without storing it again. */
  update(room: string, update: Uint8Array): void;
  awareness(room: string, update: Uint8Array): void;
  /** A room just loaded here: instances holding it answer with their presence. */
  queryAwareness(room: string): void;
};

/** A live room as the link sees it. */
export type LinkedRoom = {
  applyRemoteUpdate(update: Uint8Array): void;
  applyRemoteAwareness(update: Uint8Array): void;
  /** The presence of this instance's own clients, for another instance that just loaded the room. */
  localAwareness(): Uint8Array | null;
};

/** Subscribes before any room loads, so a room never misses an update stored after its load began. */
export async function roomLink(
  bus: Bus,
  liveRoom: (name: string) => LinkedRoom | undefined,
  log: Logger,
): Promise<{ link: RoomLink; stop(): Promise<void> }> {
  const send = (kind: number, room: string, payload: Uint8Array) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, kind);
    encoding.writeVarString(e, room);
    encoding.writeVarUint8Array(e, payload);
    // A lost message is caught up by the next sync: every client resyncs with its instance on reconnect.
    bus.publish(CHANNEL, encoding.toUint8Array(e)).catch((error: unknown) => log.warn({ err: error, room }, "collab: diffusion impossible"));
  };
  const stop = await bus.subscribe(CHANNEL, (message) => {
    try {
      const d = decoding.createDecoder(message);
      const kind = decoding.readVarUint(d);
      const name = decoding.readVarString(d);
      const room = liveRoom(name);
      const payload = decoding.readVarUint8Array(d);
      if (!room) return;
      if (kind === Kind.update) room.applyRemoteUpdate(payload);
      else if (kind === Kind.awareness) room.applyRemoteAwareness(payload);
      else if (kind === Kind.queryAwareness) {
        const presence = room.localAwareness();
        if (presence) send(Kind.awareness, name, presence);
      }
    } catch (error) {
      log.warn({ err: error }, "collab: message d'une autre instance illisible");
    }
  });
  return {
    link: {
      update: (room, update) => send(Kind.update, room, update),
      awareness: (room, update) => send(Kind.awareness, room, update),
      queryAwareness: (room) => send(Kind.queryAwareness, room, new Uint8Array()),
    },
    stop,
  };
}
