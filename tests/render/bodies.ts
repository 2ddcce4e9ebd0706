// Test bodies built through the editor's own nodes and the Yjs binding, as a browser would write them.
import { $createLinkNode } from "@lexical/link";
import { $createListItemNode, $createListNode } from "@lexical/list";
import { $createHeadingNode, $createQuoteNode, type HeadingTagType } from "@lexical/rich-text";
import { $createParagraphNode, $createTextNode, $getRoot, type LexicalNode, type TextFormatType } from "lexical";
import * as Y from "yjs";
import { changeDoc } from "../../collab/schema/documents.ts";

/** A Yjs state whose body is what `$fill` appends to the root. */
export function stateOf($fill: () => LexicalNode[]): Uint8Array {
  const doc = new Y.Doc();
  changeDoc(doc, () => {
    $getRoot().append(...$fill());
  });
  return Y.encodeStateAsUpdate(doc);
}

export const $text = (text: string, ...formats: TextFormatType[]) => {
  const node = $createTextNode(text);
  for (const f of formats) node.toggleFormat(f);
  return node;
};
export const $p = (...children: (LexicalNode | string)[]) =>
  $createParagraphNode().append(...children.map((c) => (typeof c === "string" ? $text(c) : c)));
export const $h = (tag: HeadingTagType, text: string) => $createHeadingNode(tag).append($text(text));
export const $quote = (text: string) => $createQuoteNode().append($text(text));
export const $link = (url: string, text: string) => $createLinkNode(url).append($text(text));
export const $list = (kind: "bullet" | "number", ...items: string[]) =>
  $createListNode(kind).append(...items.map((i) => $createListItemNode().append($text(i))));

/** The state of `$fill`, then changed by hand as a raw Yjs client could (no editor in the way). */
export function tamperedStateOf($fill: () => LexicalNode[], tamper: (root: Y.XmlText) => void): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, stateOf($fill));
  tamper(doc.get("root", Y.XmlText));
  return Y.encodeStateAsUpdate(doc);
}

/** The `index`-th embedded node of an element's shared type. */
export const embedAt = <T>(element: Y.XmlText, index: number): T =>
  (element.toDelta() as { insert: unknown }[]).filter((op) => typeof op.insert !== "string")[index]!.insert as T;
