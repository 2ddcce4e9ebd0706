// A client back with edits the room never had (typed offline, or stored by an instance killed before relaying them): what it types before answering the server's sync step 1 waits for that answer, neither refused nor dropped.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as Y from "yjs";
import { readSync, SyncType, syncStep1, syncStep2, updateMessage } from "../../collab/wire.ts";
import { traceParagraph } from "../../bench/traceBody.ts";
import { buildEpisodeRecord, type Cast } from "../helpers/factories.ts";
import { eventually } from "../helpers/eventually.ts";
import type { TestServer } from "../helpers/server.ts";
import { useCastServer } from "../helpers/suite.ts";
import { bodyText, raw } from "./helpers.ts";

describe("collaboration: a returning client's edits wait for its sync answer", () => {
  let server: TestServer;
  let cast: Cast;
  useCastServer((s, c) => {
    [server, cast] = [s, c];
  });

  /**
   * The client holds the room as stored plus a paragraph it wrote while away. It reconnects as y-websocket does (its
   * sync step 1, then each edit as it is made), makes `typed` (built on that paragraph) before reading the server's
   * sync step 1, then answers it. The socket stays open and the store ends with everything the client holds.
   */
  async function returning(typed: (paragraph: Y.XmlText) => void): Promise<void> {
    const room = `episode-${(await buildEpisodeRecord(server.ctx, cast.programme._id))._id}`;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await server.ctx.repos.docs.load(room)).update);
    const paragraph = traceParagraph(doc);
    paragraph.insert(1, "écrit hors ligne");
    const client = await raw(server, room, cast.cookies.editor);
    try {
      client.ws.send(syncStep1(doc));
      doc.on("update", (update: Uint8Array) => client.ws.send(updateMessage(update)));
      typed(paragraph);
      const asked = await eventually("la demande de synchronisation du serveur", () =>
        client.messages.map(readSync).find((m) => m?.kind === SyncType.step1),
      );
      client.ws.send(syncStep2(Y.encodeStateAsUpdate(doc, asked.payload)));
      const want = Buffer.from(Y.encodeStateVector(doc));
      const outcome = await Promise.race([
        client.closed.then((code) => `fermé (${code})`),
        eventually("le magasin a tout ce que le client a écrit", async () => {
          const copy = new Y.Doc();
          Y.applyUpdate(copy, (await server.ctx.repos.docs.load(room)).update);
          return Buffer.from(Y.encodeStateVector(copy)).equals(want) && bodyText(copy).toString() === bodyText(doc).toString() && "stocké";
        }),
      ]);
      assert.equal(outcome, "stocké");
    } finally {
      client.ws.close();
    }
  }

  it("accepts a paragraph added after one the room never had, sent before the answer that brings it", () =>
    returning((paragraph) => {
      const next = traceParagraph(paragraph.doc!);
      next.insert(1, "et la suite");
    }));

  it("accepts 200 keystrokes in that paragraph, each sent before the answer that brings it", () =>
    returning((paragraph) => {
      for (let i = 0; i < 200; i++) paragraph.insert(paragraph.length, "x");
    }));
});
