// The socket holds bounded memory and descriptors: upgrades anywhere answered, pending updates and sync answers bounded.
import assert from "node:assert/strict";
import fs from "node:fs";
import net from "node:net";
import { describe, it, mock } from "node:test";
import * as Y from "yjs";
import { CloseCode } from "../../collab/server/closeCodes.ts";
import { PENDING_LIMITS } from "../../collab/server/pending.ts";
import { SYNC_PACE, SyncGate } from "../../collab/server/syncGate.ts";
import { readSync, SyncType, syncStep1, syncStep2, updateMessage } from "../../collab/wire.ts";
import { buildEpisodeRecord, type Cast } from "../helpers/factories.ts";
import type { TestServer } from "../helpers/server.ts";
import { useCastServer } from "../helpers/suite.ts";
import { bodyText, connect, disconnectAll, raw, waitFor } from "./helpers.ts";

const descriptors = () => fs.readdirSync("/proc/self/fd").length;

/** Sends an upgrade request on a bare socket; resolves with the status line once the server has closed it. */
function bareUpgrade(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let answer = "";
    socket.on("data", (d) => {
      answer += d;
    });
    socket.on("error", reject);
    socket.on("close", () => resolve(answer.split("\r\n")[0] ?? ""));
    socket.on("end", () => socket.end());
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: MDEyMzQ1Njc4OWFiY2RlZg==\r\n\r\n",
    );
  });
}

/** An update of `bytes` that builds on a structure the server never received, so Yjs keeps it pending. */
function orphanUpdate(bytes: number): Uint8Array {
  const doc = new Y.Doc();
  const text = bodyText(doc);
  text.insert(0, "a");
  const before = Y.encodeStateVector(doc);
  text.insert(1, "orphelin ".repeat(Math.ceil(bytes / 9)));
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}

const step2s = (messages: Uint8Array[]) => messages.filter((m) => readSync(m)?.kind === SyncType.step2);

describe("collaboration: bounded resources", () => {
  let server: TestServer;
  let cast: Cast;
  useCastServer((s, c) => {
    [server, cast] = [s, c];
  });
  const newRoom = async (status: "draft" | "review" = "draft") =>
    `episode-${(await buildEpisodeRecord(server.ctx, cast.programme._id, { status }))._id}`;

  it("answers 300 upgrade requests to any path and closes their sockets", { timeout: 60_000 }, async () => {
    const port = Number(new URL(server.url).port);
    const baseline = descriptors();
    const paths = ["/", "/api/programmes", "/collab", "/collabx/episode-1", "/media/x.png", "/collab/episode-nope"];
    const answers = await Promise.all(Array.from({ length: 300 }, (_, i) => bareUpgrade(port, paths[i % paths.length]!)));
    for (const [i, line] of answers.entries()) {
      const expected = paths[i % paths.length]!.startsWith("/collab/") ? /^HTTP\/1\.1 403 / : /^HTTP\/1\.1 404 /;
      assert.match(line, expected, `upgrade to ${paths[i % paths.length]} was answered`);
    }
    await waitFor(() => descriptors() <= baseline, `descriptors back to ${baseline} (now ${descriptors()})`);
  });

  it("closes a connection that piles up pending updates, drops them and stores none", { timeout: 60_000 }, async () => {
    const room = await newRoom();
    const resident = connect(server.url, room, cast.cookies.lead, server.origin);
    try {
      await resident.synced;
      const attacker = await raw(server, room, cast.cookies.editor);
      const size = Math.ceil(PENDING_LIMITS.connectionBytes / 3);
      for (let i = 0; i < 6; i++) attacker.ws.send(updateMessage(orphanUpdate(size)));
      assert.equal(await attacker.closed, CloseCode.PENDING_OVERFLOW);

      // The room still works, and what was pending was neither relayed nor stored.
      resident.text.insert(0, "toujours là");
      const fresh = connect(server.url, room, cast.cookies.admin, server.origin);
      try {
        await fresh.synced;
        await waitFor(() => fresh.text.toString() === "toujours là", "the room still relays");
        assert.equal(fresh.doc.store.pendingStructs, null, "no pending structure reached a client");
      } finally {
        disconnectAll([fresh]);
      }
      const stored = new Y.Doc();
      Y.applyUpdate(stored, (await server.ctx.repos.docs.load(room)).update);
      assert.equal(bodyText(stored).toString(), "toujours là");
      assert.equal(stored.store.pendingStructs, null);
    } finally {
      disconnectAll([resident]);
    }
  });

  it("never sends an update still waiting for its dependencies as if it were applied", async () => {
    const room = await newRoom();
    const writer = await raw(server, room, cast.cookies.editor);
    try {
      // Its (empty) answer to the server's sync step 1 first: what it sends before that waits for it.
      writer.ws.send(syncStep2(Y.encodeStateAsUpdate(new Y.Doc())));
      writer.ws.send(updateMessage(orphanUpdate(1000)));
      writer.ws.send(syncStep1(new Y.Doc()));
      await waitFor(() => step2s(writer.messages).length >= 1, "the answer to the writer");
      const reader = connect(server.url, room, cast.cookies.lead, server.origin);
      try {
        await reader.synced;
        assert.equal(reader.doc.store.pendingStructs, null);
        assert.equal(reader.text.toString(), "");
      } finally {
        disconnectAll([reader]);
      }
    } finally {
      writer.ws.close();
    }
  });

  it("stores and relays the part of an update that applied, the part that waited once it can, a repeated one never", async () => {
    const room = await newRoom();
    const reader = connect(server.url, room, cast.cookies.lead, server.origin);
    const writer = await raw(server, room, cast.cookies.editor);
    const storedText = async () => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, (await server.ctx.repos.docs.load(room)).update);
      return bodyText(doc).toString();
    };
    try {
      await reader.synced;
      // Its (empty) answer to the server's sync step 1 first, as a real client does: its updates wait for it.
      writer.ws.send(syncStep2(Y.encodeStateAsUpdate(new Y.Doc())));
      const other = new Y.Doc();
      bodyText(other).insert(0, "x");
      const mine = new Y.Doc();
      bodyText(mine).insert(0, "a");
      const first = Y.encodeStateAsUpdate(mine);
      const before = Y.encodeStateVector(mine);
      bodyText(mine).insert(1, "b");
      // "x" applies; "b" waits for "a".
      writer.ws.send(updateMessage(Y.mergeUpdates([Y.encodeStateAsUpdate(other), Y.encodeStateAsUpdate(mine, before)])));
      await waitFor(() => reader.text.toString() === "x", "the part that applied, relayed");
      assert.equal(reader.doc.store.pendingStructs, null, "the waiting part was not relayed");
      assert.equal(await storedText(), "x", "only the part that applied was stored");
      writer.ws.send(updateMessage(first));
      await waitFor(() => reader.text.toString().length === 3, "the waiting part, once its dependency arrived");
      assert.deepEqual([...reader.text.toString()].sort(), ["a", "b", "x"]);
      assert.equal(await storedText(), reader.text.toString());
      const logged = (await server.ctx.repos.docs.size(room)).updates;
      writer.ws.send(updateMessage(first));
      // Messages are handled in order, and the answer to a sync step 1 waits for every write before it.
      writer.ws.send(syncStep1(new Y.Doc()));
      await waitFor(() => step2s(writer.messages).length >= 1, "the answer after the repeated update");
      assert.equal((await server.ctx.repos.docs.size(room)).updates, logged, "a repeated update is not stored again");
    } finally {
      writer.ws.close();
      disconnectAll([reader]);
    }
  });

  it("paces a read-only client asking for the whole document again and again", { timeout: 60_000 }, async () => {
    const room = await newRoom("review");
    await server.ctx.services.documentChanges.change(room, (doc) => bodyText(doc).insert(0, "x".repeat(1024 * 1024)));
    const partner = await raw(server, room, cast.cookies.partner);
    try {
      partner.ws.send(syncStep1(new Y.Doc()));
      await waitFor(() => step2s(partner.messages).length >= 1, "the first answer");
      const local = new Y.Doc();
      Y.applyUpdate(local, readSync(step2s(partner.messages)[0]!)!.payload);
      for (let i = 0; i < 38; i++) partner.ws.send(syncStep1(new Y.Doc()));
      // The last request asks for nothing new: its small answer comes last, whatever was coalesced before.
      partner.ws.send(syncStep1(local));
      await waitFor(() => step2s(partner.messages).some((m) => m.byteLength < 1024), "the answer to the last request");
      const whole = step2s(partner.messages).filter((m) => m.byteLength > 1024 * 1024).length;
      const burst = Math.ceil(SYNC_PACE.burstBytes / (1024 * 1024));
      assert.ok(whole <= burst + 2, `${whole} whole-document answers for 39 requests`);
    } finally {
      partner.ws.close();
    }
  });

  it("cuts a client that leaves a sync answer unread", () => {
    mock.timers.enable({ apis: ["setTimeout", "Date"] });
    try {
      const answered: Uint8Array[] = [];
      let slow = 0;
      const gate = new SyncGate({
        documentBytes: () => 1024,
        unread: () => 10 * SYNC_PACE.readingBelow,
        answer: (sv) => {
          answered.push(sv);
          return sv.byteLength;
        },
        tooSlow: () => slow++,
      });
      gate.request(new Uint8Array([0]));
      gate.request(new Uint8Array([0]));
      mock.timers.tick(SYNC_PACE.slowAfterMs / 2);
      assert.equal(slow, 0);
      mock.timers.tick(SYNC_PACE.slowAfterMs);
      assert.deepEqual([answered.length, slow], [0, 1]);
    } finally {
      mock.timers.reset();
    }
  });

  it("charges each sync answer its size: small answers flow, whole documents wait for the budget", () => {
    mock.timers.enable({ apis: ["setTimeout", "Date"] });
    try {
      let size = 100;
      let answers = 0;
      const gate = new SyncGate({
        documentBytes: () => 1024 * 1024,
        unread: () => 0,
        answer: () => {
          answers++;
          return size;
        },
        tooSlow: () => assert.fail("a reading client is never cut"),
      });
      for (let i = 0; i < 1000; i++) gate.request(new Uint8Array([0]));
      assert.equal(answers, 1000, "an up-to-date client's probes are all answered at once");
      size = 1024 * 1024;
      answers = 0;
      for (let i = 0; i < 100; i++) gate.request(new Uint8Array([0]));
      const burst = answers;
      assert.ok(burst <= SYNC_PACE.burstBytes / size + 1, `${burst} whole answers at once`);
      mock.timers.tick(1000);
      assert.equal(answers, burst + 1, "the 99 others were coalesced into one, answered once the budget refilled");
    } finally {
      mock.timers.reset();
    }
  });
});
