// Server-made documents read back unchanged by a client-shaped binding on a fresh Y.Doc.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createBinding, type Provider, syncYjsChangesToLexical } from "@lexical/yjs";
import { $getRoot, type ParagraphNode } from "lexical";
import * as Y from "yjs";
import { changeDoc, createSchemaEditor, initialDocUpdate, jsonFromState } from "../../collab/schema/documents.ts";
import { $createImageNode } from "../../collab/schema/nodes.ts";
import { $h, $link, $list, $p, $quote, $text, stateOf } from "./bodies.ts";

const noAwareness = { awareness: { getLocalState: () => null, getStates: () => new Map() } } as unknown as Provider;

/** What CollaborationPlugin does on a browser: bind doc.get("root", XmlText), apply remote updates. */
function readAsClient(update: Uint8Array) {
  const doc = new Y.Doc();
  const editor = createSchemaEditor();
  const binding = createBinding(editor, noAwareness, "episode", doc, new Map([["episode", doc]]));
  assert.equal(binding.root.getSharedType(), doc.get("root", Y.XmlText));
  binding.root.getSharedType().observeDeep((events, tr) => {
    if (tr.origin !== binding) syncYjsChangesToLexical(binding, noAwareness, events as never, false);
  });
  Y.applyUpdate(doc, update, "remote");
  editor.update(() => {}, { discrete: true });
  return editor.getEditorState().toJSON();
}

describe("documents", () => {
  it("creates a new body as one empty paragraph under the root the client binds to", () => {
    const update = initialDocUpdate();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    const delta = doc.get("root", Y.XmlText).toDelta() as { insert: Y.XmlText }[];
    assert.equal(delta.length, 1);
    assert.equal(delta[0]!.insert.getAttribute("__type"), "paragraph");
    const json = readAsClient(update);
    assert.deepEqual(
      json.root.children.map((c) => c.type),
      ["paragraph"],
    );
  });

  it("round-trips every supported node through Yjs", () => {
    const state = stateOf(() => [
      $h("h2", "Titre"),
      $p($text("gras", "bold"), " et ", $link("https://example.org", "lien")),
      $list("number", "un", "deux"),
      $quote("citation"),
      $createImageNode({ src: "/media/a.png", alt: "texte", width: 40, height: 30, caption: "légende" }),
    ]);
    const client = readAsClient(state);
    assert.deepEqual(client, jsonFromState(state));
    assert.deepEqual(
      client.root.children.map((c) => c.type),
      ["heading", "paragraph", "list", "quote", "image"],
    );
    assert.deepEqual(client.root.children[4], {
      type: "image",
      version: 1,
      src: "/media/a.png",
      alt: "texte",
      width: 40,
      height: 30,
      caption: "légende",
    });
  });

  it("applies a server change as a new update on top of the existing history", () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, initialDocUpdate());
    const firstClients = [...Y.decodeStateVector(Y.encodeStateVector(doc)).keys()];
    changeDoc(doc, () => {
      $getRoot().getFirstChildOrThrow<ParagraphNode>().append($text("ajouté"));
    });
    const clients = [...Y.decodeStateVector(Y.encodeStateVector(doc)).keys()];
    assert.equal(clients.length, firstClients.length + 1);
    const json = readAsClient(Y.encodeStateAsUpdate(doc));
    assert.equal(JSON.stringify(json).match(/ajouté/g)?.length, 1);
  });
});
