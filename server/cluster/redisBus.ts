// The Bus on Redis: pub/sub on a second connection, sliding windows in sorted sets; messages carry the sender's id.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { createClient } from "redis";
import { newId } from "../store/ids.ts";
import type { Bus } from "./bus.ts";

const PREFIX = "carnet:";

export async function redisBus(url: string, onError: (error: unknown) => void): Promise<Bus> {
  const me = newId();
  // The sender's id as it starts every message, encoded once: recognising one's own messages compares bytes.
  const header = encodeHeader(me);
  const commands = createClient({ url });
  const subscriber = commands.duplicate();
  // Without a listener, a lost connection would be an uncaught 'error' event; the client reconnects by itself.
  commands.on("error", onError);
  subscriber.on("error", onError);
  await commands.connect();
  await subscriber.connect();
  const reconnected = new Set<() => void>();
  // Registered after the first connection, so every "ready" is a reconnection; node-redis resubscribes before it.
  subscriber.on("ready", () => {
    for (const handler of reconnected) handler();
  });

  return {
    async publish(channel, message) {
      const e = encoding.createEncoder();
      encoding.writeUint8Array(e, header);
      encoding.writeVarUint8Array(e, message);
      await commands.publish(PREFIX + channel, Buffer.from(encoding.toUint8Array(e)));
    },
    async subscribe(channel, handler) {
      const listener = (raw: Buffer) => {
        if (header.equals(raw.subarray(0, header.length))) return;
        const d = decoding.createDecoder(raw);
        decoding.readUint8Array(d, decoding.readVarUint(d)); // the other sender's id, skipped unread
        handler(decoding.readVarUint8Array(d));
      };
      await subscriber.subscribe(PREFIX + channel, listener, true);
      return async () => {
        await subscriber.unsubscribe(PREFIX + channel, listener, true);
      };
    },
    async hitsSince(key, since) {
      const found = await commands.zRangeByScore(PREFIX + key, `(${since}`, "+inf");
      return found.map((member) => Number(member.split(":")[0]));
    },
    async hit(key, at, ttlMs) {
      await commands
        .multi()
        .zAdd(PREFIX + key, { score: at, value: `${at}:${newId()}` })
        .zRemRangeByScore(PREFIX + key, "-inf", at - ttlMs)
        .pExpire(PREFIX + key, ttlMs)
        .exec();
    },
    async forget(key) {
      await commands.del(PREFIX + key);
    },
    async claim(key, ttlMs) {
      return (await commands.set(PREFIX + key, me, { condition: "NX", expiration: { type: "PX", value: ttlMs } })) === "OK";
    },
    onReconnect(handler) {
      reconnected.add(handler);
      return () => reconnected.delete(handler);
    },
    async close() {
      await subscriber.close();
      await commands.close();
    },
  };
}

function encodeHeader(id: string): Buffer {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, id);
  return Buffer.from(encoding.toUint8Array(e));
}
