// Presence: each connection's awareness entries carry the verified identity and only its own client ids.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

/** What other collaborators see of someone: set by the server from the session, never by the client. */
export type Identity = { id: string; name: string; territory: string | null; color: string };

/** A stable, readable colour per user: the hue comes from a hash of the id. */
export function colourFor(userId: string): string {
  let h = 2166136261;
  for (let i = 0; i < userId.length; i++) h = Math.imul(h ^ userId.charCodeAt(i), 16777619);
  const hue = (h >>> 0) % 360;
  const s = 0.65;
  const l = 0.42;
  const f = (n: number) => {
    const k = (n + hue / 30) % 12;
    const c = l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(c * 255)
      .toString(16)
      .padStart(2, "0");
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

/** A connection may announce a few client ids (a page reload, a clientID conflict), not many. */
export const MAX_CLIENT_IDS_PER_CONNECTION = 8;

export type Ownership = {
  /** Ids this connection already announced. */
  owned: Set<number>;
  /** Whether another connection of the room announced this id first. */
  takenByOther(clientId: number): boolean;
};

/**
 * Rewrites an awareness update from a client: entries for ids it does not own are dropped, and
 * every state gets the verified identity as `user` (and as Lexical's top-level `name`/`color`, which
 * its cursors display). Returns null when nothing is left. Throws on a malformed update.
 */
export function sanitizeAwareness(update: Uint8Array, who: Ownership, identity: Identity): Uint8Array | null {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const kept: { clientId: number; clock: number; state: string }[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const raw = decoding.readVarString(decoder);
    const state: unknown = JSON.parse(raw);
    if (state !== null && (typeof state !== "object" || Array.isArray(state)))
      throw new Error("awareness state is not an object");
    if (!who.owned.has(clientId)) {
      if (who.owned.size >= MAX_CLIENT_IDS_PER_CONNECTION || who.takenByOther(clientId)) continue;
      who.owned.add(clientId);
    }
    const out =
      state === null ? "null" : JSON.stringify({ ...state, user: identity, name: identity.name, color: identity.color });
    kept.push({ clientId, clock, state: out });
  }
  if (kept.length === 0) return null;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kept.length);
  for (const k of kept) {
    encoding.writeVarUint(encoder, k.clientId);
    encoding.writeVarUint(encoder, k.clock);
    encoding.writeVarString(encoder, k.state);
  }
  return encoding.toUint8Array(encoder);
}
