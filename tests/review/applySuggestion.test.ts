// $applySuggestion on a document bound to a headless editor: the passage, and only it, becomes the replacement; a gone passage changes nothing.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { $getRoot, $isTextNode } from "lexical";
import * as Y from "yjs";
import { anchorIn } from "../../collab/review/anchors.ts";
import { $applySuggestion } from "../../collab/review/applySuggestion.ts";
import { anchorOver, boundEditor, type Editor, flatText, type Piece, sync, write } from "./suggestionDocs.ts";

const DOC: Piece[][] = [
  [{ text: "Ce n'est pas " }, { text: "la mairie", format: "bold" }, { text: " qui a décidé." }],
  [{ text: "Voir " }, { text: "le compte rendu", link: true }, { lineBreak: true }, { text: "du conseil." }],
  [{ text: "Fin", format: "italic" }],
];

function setUp(): Editor {
  const editor = boundEditor();
  write(editor, DOC);
  return editor;
}

const apply = (editor: Editor, anchor: ReturnType<typeof anchorOver>, replacement: string) => {
  let result = "";
  editor.editor.update(
    () => {
      result = $applySuggestion(editor.root, anchor, replacement);
    },
    { discrete: true },
  );
  return result;
};

describe("applying a suggestion", () => {
  it("replaces a passage across text nodes of different formats, nothing else", () => {
    const editor = setUp();
    const text = flatText(editor);
    const from = text.indexOf("la mairie");
    const to = from + "la mairie qui".length;
    assert.equal(apply(editor, anchorOver(editor.root, from, to), "le conseil communautaire qui"), "applied");
    assert.equal(flatText(editor), text.replace("la mairie qui", "le conseil communautaire qui"));
  });

  it("spans paragraphs, a link and a line break; newlines split paragraphs; an empty replacement deletes", () => {
    for (const [replacement, expected] of [
      ["X", "Ce n'est pas la mairie Xconseil.\nFin\n"],
      ["X\nY", "Ce n'est pas la mairie X\nYconseil.\nFin\n"],
      ["", "Ce n'est pas la mairie conseil.\nFin\n"],
    ] as const) {
      const editor = setUp();
      const text = flatText(editor);
      const from = text.indexOf("qui a décidé");
      const to = text.indexOf("du conseil") + "du ".length;
      assert.equal(apply(editor, anchorOver(editor.root, from, to), replacement), "applied");
      assert.equal(flatText(editor), expected, JSON.stringify(replacement));
    }
  });

  it("follows the passage through another editor's edits and reaches it", () => {
    const [a, b] = [setUp(), boundEditor()];
    sync(a, b);
    const text = flatText(a);
    const from = text.indexOf("mairie");
    const anchor = anchorOver(a.root, from, from + "mairie".length);
    // b writes before the passage and inside it; a accepts after hearing it.
    b.editor.update(
      () => {
        const first = $getRoot().getFirstDescendant();
        const bold = first?.getNextSibling();
        assert.ok($isTextNode(first) && $isTextNode(bold));
        first.spliceText(0, 0, "Oui, ");
        bold.spliceText("la ma".length, 0, "-");
      },
      { discrete: true },
    );
    assert.equal(apply(b, anchor, "communauté"), "applied");
    sync(b, a);
    assert.equal(flatText(a), `Oui, ${text.replace("mairie", "communauté")}`);
    assert.equal(flatText(a), flatText(b));
  });

  it("says detached when the passage is all gone and invalid for another document, changing nothing", () => {
    const editor = setUp();
    const text = flatText(editor);
    const from = text.indexOf("mairie");
    const anchor = anchorOver(editor.root, from, from + "mairie".length);
    assert.equal(apply(editor, anchorOver(editor.root, from - 3, from + "mairie qui".length), ""), "applied");
    const left = flatText(editor);
    assert.equal(apply(editor, anchor, "commune"), "detached");
    const other = new Y.Doc();
    const paragraph = new Y.XmlText();
    other.get("root", Y.XmlText).insertEmbed(0, paragraph);
    paragraph.insert(0, "ailleurs");
    assert.equal(apply(editor, anchorIn(paragraph, 1, paragraph, 4, "ill"), "x"), "invalid");
    assert.equal(flatText(editor), left);
  });
});
