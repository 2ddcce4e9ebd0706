// The y-websocket wire format on y-protocols: message types, and the frames server, client, bench and tests exchange.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import type * as Y from "yjs";

/** The outer message type, as y-websocket numbers it. */
export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3, review: 5 } as const;
export const SyncType = {
  step1: syncProtocol.messageYjsSyncStep1,
  step2: syncProtocol.messageYjsSyncStep2,
  update: syncProtocol.messageYjsUpdate,
} as const;

function message(type: number, write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  write(e);
  return encoding.toUint8Array(e);
}

/** Sync step 1: our state vector, asking for whatever the other side has beyond it. */
export const syncStep1 = (doc: Y.Doc) => message(MessageType.sync, (e) => syncProtocol.writeSyncStep1(e, doc));

/** Sync step 2 carrying an update already computed (the server computes it before the store barrier). */
export const syncStep2 = (update: Uint8Array) =>
  message(MessageType.sync, (e) => {
    encoding.writeVarUint(e, SyncType.step2);
    encoding.writeVarUint8Array(e, update);
  });

export const updateMessage = (update: Uint8Array) => message(MessageType.sync, (e) => syncProtocol.writeUpdate(e, update));

export const awarenessMessage = (awareness: awarenessProtocol.Awareness, clients: number[]) =>
  message(MessageType.awareness, (e) =>
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients)),
  );

/** A sync message's sub-type and payload; null for any other message type. Throws on a malformed frame. */
export function readSync(frame: Uint8Array): { kind: number; payload: Uint8Array } | null {
  const d = decoding.createDecoder(frame);
  if (decoding.readVarUint(d) !== MessageType.sync) return null;
  const kind = decoding.readVarUint(d);
  return { kind, payload: decoding.readVarUint8Array(d) };
}

/** The server's notice that the episode's review threads changed: the client reads them again from the API, which decides what it sees. */
export const reviewMessage = () => message(MessageType.review, () => {});
