// The editing trace as the editor holds it: one paragraph of one text node in the body, each keystroke an edit of its text.
import * as Y from "yjs";
import { ROOT_NAME } from "../collab/schema/nodes.ts";
import type { Edit } from "./lib.ts";

/** A document's body: where every benchmark and test client writes its text (the server refuses other top-level names). */
export const bodyText = (doc: Y.Doc): Y.XmlText => doc.get(ROOT_NAME, Y.XmlText);

/** Writes a paragraph holding one empty text node into `doc`'s body, as Lexical's binding does; returns the paragraph. */
export function traceParagraph(doc: Y.Doc): Y.XmlText {
  const paragraph = new Y.XmlText();
  doc.transact(() => {
    const root = bodyText(doc);
    root.insertEmbed(root.length, paragraph);
    paragraph.setAttribute("__type", "paragraph");
    paragraph.insertEmbed(0, new Y.Map<unknown>([["__type", "text"], ["__format", 0], ["__style", ""], ["__mode", 0], ["__detail", 0]]));
  });
  return paragraph;
}

/** Applies one trace edit to the paragraph's text (after the text node's embed), in one transaction. */
export function applyBodyEdit(paragraph: Y.XmlText, [pos, del, ins]: Edit): void {
  paragraph.doc!.transact(() => {
    if (del > 0) paragraph.delete(pos + 1, del);
    if (ins) paragraph.insert(pos + 1, ins);
  });
}
