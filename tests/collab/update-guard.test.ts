// Updates a document must not hold are refused at the socket: closed with a named code, nothing stored or relayed, others unaffected.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { $createLinkNode } from "@lexical/link";
import { $createListItemNode, $createListNode } from "@lexical/list";
import { $createHeadingNode, $createQuoteNode } from "@lexical/rich-text";
import { $createTableNodeWithDimensions } from "@lexical/table";
import { $createParagraphNode, $createTextNode, $getRoot, $setState, createState } from "lexical";
import * as Y from "yjs";
import { changeDoc } from "../../collab/schema/documents.ts";
import { $createHorizontalRuleNode, $createImageNode, ROOT_NAME } from "../../collab/schema/nodes.ts";
import { CloseCode } from "../../collab/server/closeCodes.ts";
import { collab } from "../../collab/server/index.ts";
import { UPDATE_LIMITS } from "../../collab/server/updateGuard.ts";
import { updateMessage } from "../../collab/wire.ts";
import { loadTrace } from "../../bench/lib.ts";
import { applyBodyEdit, traceParagraph } from "../../bench/traceBody.ts";
import { buildEpisodeRecord, type Cast } from "../helpers/factories.ts";
import type { TestServer } from "../helpers/server.ts";
import { useCastServer } from "../helpers/suite.ts";
import { type Client, connect, disconnectAll, stored } from "./helpers.ts";
import { nest } from "./hostileDocuments.ts";

const TRACE_EDITS = Number(process.env.TRACE_EDITS ?? 3_000);

/** The code the server closed `client` with, once it has; fails after 20 s. */
function closeCode(client: Client): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the server never closed the socket")), 20_000);
    client.provider.on("connection-close", (event) => {
      clearTimeout(timer);
      resolve(event?.code ?? 0);
    });
  });
}

const body = (doc: Y.Doc) => doc.get(ROOT_NAME, Y.XmlText);

/** An element of `type` appended to `parent`, holding one text node and its text. */
function element(parent: Y.XmlText, type: string, text = "texte"): Y.XmlText {
  const node = new Y.XmlText();
  parent.insertEmbed(parent.length, node);
  node.setAttribute("__type", type);
  node.insertEmbed(0, new Y.Map<unknown>([["__type", "text"]]));
  node.insert(1, text);
  return node;
}

/** The limits of the server under test: the real depth; a smaller size, so the size test stores ~0.5 MB, not 8, on either engine. */
const LIMITS = { ...UPDATE_LIMITS, documentBytes: 512 * 1024 };

describe("collaboration: hostile updates refused at the socket", { timeout: 120_000 }, () => {
  let server: TestServer;
  let cast: Cast;
  useCastServer(
    (s, c) => {
      [server, cast] = [s, c];
    },
    { attach: [collab({ updateLimits: LIMITS })] },
  );
  const newRoom = async () => `episode-${(await buildEpisodeRecord(server.ctx, cast.programme._id))._id}`;
  const storedState = async (room: string) => Buffer.from((await server.ctx.repos.docs.load(room)).update);

  /**
   * A bystander and a writer in one room; the writer sends `before` (ordinary, stored), then `write` in one update: its
   * socket is closed with UPDATE_REFUSED, the store and the bystander never see it, and the bystander
   * goes on editing.
   */
  async function refused(write: (doc: Y.Doc) => void, before: (doc: Y.Doc) => void = () => {}) {
    const room = await newRoom();
    const bystander = connect(server.url, room, cast.cookies.lead, server.origin);
    const writer = connect(server.url, room, cast.cookies.editor, server.origin);
    try {
      await Promise.all([bystander.synced, writer.synced]);
      before(writer.doc);
      if (writer.doc.store.clients.size > 0) assert.ok(await stored(server, writer, room), "the writer's first, ordinary changes are stored");
      const held = await storedState(room);
      const closed = closeCode(writer);
      writer.doc.transact(() => write(writer.doc));
      assert.equal(await closed, CloseCode.UPDATE_REFUSED, "the writer's socket is closed as refused");
      assert.deepEqual(await storedState(room), held, "the store is unchanged");
      assert.equal(bystander.provider.wsconnected, true, "the bystander stays connected");
      element(body(bystander.doc), "paragraph", "la suite");
      assert.ok(await stored(server, bystander, room), "the bystander's next change is stored");
      const id = writer.doc.clientID;
      const seen = Y.decodeStateVector(Y.encodeStateVector(bystander.doc)).get(id) ?? 0;
      assert.ok(seen < Y.getState(writer.doc.store, id), "nothing of the refused update reached the bystander");
      assert.equal(writer.provider.shouldConnect, false, "the writer's provider does not reconnect");
    } finally {
      disconnectAll([bystander, writer]);
    }
  }

  it("refuses nesting past the limit, and accepts it up to the limit", async () => {
    await refused(
      (doc) => nest(body(doc), LIMITS.depth + 1),
      // Up to the limit: accepted and stored first.
      (doc) => doc.transact(() => nest(body(doc), LIMITS.depth)),
    );
    await refused((doc) => nest(body(doc), 5_000));
  });

  it("refuses nesting built on what the room already holds", async () => {
    let deepest: Y.XmlText | null = null;
    await refused(
      () => element(deepest!, "quote"),
      (doc) => {
        doc.transact(() => nest(body(doc), LIMITS.depth));
        let at = body(doc);
        for (let i = 0; i < LIMITS.depth; i++) at = at.toDelta().at(-1).insert as Y.XmlText;
        deepest = at;
      },
    );
  });

  it("refuses a document past its size limit", async () => {
    const chunk = "x".repeat(150_000);
    let paragraph: Y.XmlText;
    await refused(
      () => paragraph.insert(1, chunk),
      (doc) => {
        paragraph = element(body(doc), "paragraph");
        // Each update under the message limit; together under the document limit.
        for (let i = 0; i < Math.floor(LIMITS.documentBytes / chunk.length); i++) paragraph.insert(1, chunk);
      },
    );
  });

  it("refuses shared types under names the schema does not use", async () => {
    await refused((doc) => doc.getText("t").insert(0, "à côté du corps"));
    await refused((doc) => doc.getMap("réglages").set("x", 1));
    // The title is a text: nothing nests in it.
    await refused((doc) => doc.getText("title").insertEmbed(0, new Y.XmlText()));
  });

  it("refuses node types the registry does not know, or held the wrong way", async () => {
    await refused((doc) => element(body(doc), "script", "alert(1)"));
    await refused((doc) => element(body(doc), "root"));
    // A text node's map used as an element, and a JSON embed where nodes go.
    await refused((doc) => body(doc).insertEmbed(0, new Y.Map<unknown>([["__type", "paragraph"]])));
    await refused((doc) => body(doc).insertEmbed(0, { __type: "paragraph" }));
    // A node turned into an unknown type afterwards.
    let paragraph: Y.XmlText;
    await refused(
      () => paragraph.setAttribute("__type", "iframe"),
      (doc) => {
        paragraph = element(body(doc), "paragraph");
      },
    );
  });

  it("refuses a type under a parent the room never had", async () => {
    const room = await newRoom();
    const writer = connect(server.url, room, cast.cookies.editor, server.origin);
    try {
      await writer.synced;
      const elsewhere = new Y.Doc();
      const paragraph = element(body(elsewhere), "paragraph");
      const known = Y.encodeStateVector(elsewhere);
      element(paragraph, "link");
      const closed = closeCode(writer);
      writer.provider.ws!.send(updateMessage(Y.encodeStateAsUpdate(elsewhere, known)));
      assert.equal(await closed, CloseCode.UPDATE_REFUSED);
      assert.equal((await server.ctx.repos.docs.load(room)).lastSeq, 0, "nothing stored");
    } finally {
      disconnectAll([writer]);
    }
  });

  it("never refuses ordinary editing: the real trace, and every kind of node the editor makes", async (t) => {
    const room = await newRoom();
    const writer = connect(server.url, room, cast.cookies.editor, server.origin);
    let closed = false;
    writer.provider.on("connection-close", () => {
      closed = true;
    });
    try {
      await writer.synced;
      changeDoc(writer.doc, () => {
        const heading = $createHeadingNode("h2").append($createTextNode("Le terrain"));
        const inner = $createListNode("number").append($createListItemNode().append($createTextNode("sous-point")));
        const list = $createListNode("bullet").append(
          $createListItemNode().append($createTextNode("premier")),
          $createListItemNode().append(inner),
        );
        const link = $createLinkNode("https://exemple.fr").append($createTextNode("un lien"));
        // A node with NodeState (as Markdown shortcuts leave on headings and list items): a map under "__state".
        $setState(heading, createState("carnet", { parse: (v) => (typeof v === "string" ? v : "") }), "titre");
        $getRoot().append(
          heading,
          $createParagraphNode().append($createTextNode("Du terrain, "), link),
          list,
          $createQuoteNode().append($createTextNode("une citation")),
          $createImageNode({ src: "/media/a.jpg", alt: "une image" }),
          $createHorizontalRuleNode(),
          $createTableNodeWithDimensions(2, 2, false),
        );
      });
      const { edits, finalText } = loadTrace();
      const paragraph = traceParagraph(writer.doc);
      const slice = edits.slice(0, TRACE_EDITS);
      for (const edit of slice) applyBodyEdit(paragraph, edit);
      t.diagnostic(`TRACE_EDITS=${slice.length} of ${edits.length} (${finalText.length} characters in all)`);
      assert.ok(await stored(server, writer, room, () => closed), "every change was stored, none refused");
    } finally {
      disconnectAll([writer]);
    }
  });
});
