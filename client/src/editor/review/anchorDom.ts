// Between the page and the shared document: a selected DOM range → an anchor, an anchor → a DOM range to highlight.
import { $getNearestNodeFromDOMNode, $getRoot, $isElementNode, $isTextNode, type LexicalEditor, type LexicalNode } from "lexical";
import * as Y from "yjs";
import { type Anchor, anchorIn } from "../../../../collab/review/anchors.ts";

/*
 * @lexical/yjs keeps each Lexical child as one embed of its parent's XmlText, in order: an XmlText for an
 * element, a map for a text node (its text follows the map), a map for a line break, an XmlElement for a
 * decorator. So a node's path of child indexes is the same path of embeds in the document.
 */
type Op = { insert: unknown };

/** Index in `type` of its `ordinal`-th embed, and the length of the text right after it. */
function embedAt(type: Y.XmlText, ordinal: number): { index: number; text: number } | null {
  let index = 0;
  let seen = -1;
  const ops = type.toDelta() as Op[];
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (typeof op.insert === "string") index += op.insert.length;
    else {
      seen++;
      if (seen === ordinal) {
        const next = ops[i + 1]?.insert;
        return { index, text: typeof next === "string" ? next.length : 0 };
      }
      index += 1;
    }
  }
  return null;
}

function embedType(type: Y.XmlText, ordinal: number): Y.XmlText | null {
  const embeds = (type.toDelta() as Op[]).map((op) => op.insert).filter((x) => typeof x !== "string");
  const found = embeds[ordinal];
  return found instanceof Y.XmlText ? found : null;
}

/** The document's (type, index) of a DOM point inside the editor, read in the editor's state. */
function yPoint(root: Y.XmlText, container: Node, offset: number): { type: Y.XmlText; index: number } | null {
  let node: LexicalNode | null = $getNearestNodeFromDOMNode(container);
  if (!node) return null;
  let textOffset = 0;
  if ($isTextNode(node)) textOffset = container.nodeType === Node.TEXT_NODE ? offset : 0;
  else if ($isElementNode(node)) {
    // A point between an element's children: take the start of the child after it.
    const child = node.getChildAtIndex(offset) ?? node.getLastChild();
    if (!child) return null;
    node = child;
  }
  const path: number[] = [];
  for (let n: LexicalNode | null = node; n?.getParent(); n = n.getParent()) path.unshift(n.getIndexWithinParent());
  let type = root;
  for (const step of path.slice(0, -1)) {
    const next = embedType(type, step);
    if (!next) return null;
    type = next;
  }
  const at = embedAt(type, path.at(-1)!);
  if (!at) return null;
  return { type, index: at.index + 1 + Math.min(textOffset, at.text) };
}

/** The anchor of the current selection in the editor, or null when nothing (or nothing of the text) is selected. */
export function anchorOfSelection(editor: LexicalEditor, root: Y.XmlText): Anchor | null {
  const selection = window.getSelection();
  const element = editor.getRootElement();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed || !element) return null;
  const range = selection.getRangeAt(0);
  if (!element.contains(range.startContainer) || !element.contains(range.endContainer)) return null;
  const quote = range.toString().trim();
  if (!quote) return null;
  return editor.read(() => {
    const start = yPoint(root, range.startContainer, range.startOffset);
    const end = yPoint(root, range.endContainer, range.endOffset);
    if (!start || !end) return null;
    return anchorIn(start.type, start.index, end.type, end.index, quote);
  });
}

const decode = (encoded: string) => Y.decodeRelativePosition(Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0)));

/** The DOM point of a document position: the text node it falls in and the offset there. */
function domPoint(editor: LexicalEditor, root: Y.XmlText, encoded: string): { node: Node; offset: number } | null {
  const abs = Y.createAbsolutePositionFromRelativePosition(decode(encoded), root.doc!);
  if (!abs || !(abs.type instanceof Y.XmlText)) return null;
  const path: number[] = [];
  for (let type: Y.XmlText = abs.type; type !== root; ) {
    const parent = type._item?.parent;
    if (!(parent instanceof Y.XmlText)) return null;
    const embeds = (parent.toDelta() as Op[]).map((op) => op.insert).filter((x) => typeof x !== "string");
    path.unshift(embeds.indexOf(type));
    type = parent;
  }
  // The text node holding the index: the last embed at or before it.
  let index = 0;
  let ordinal = -1;
  let offset = 0;
  for (const op of abs.type.toDelta() as Op[]) {
    if (index > abs.index) break;
    const length = typeof op.insert === "string" ? op.insert.length : 1;
    if (typeof op.insert === "string") offset = Math.min(abs.index - index, length);
    else if (index < abs.index || ordinal < 0) {
      ordinal++;
      offset = 0;
    }
    index += length;
  }
  return editor.read(() => {
    let node: LexicalNode | null = $getRoot();
    for (const step of path) node = $isElementNode(node) ? node.getChildAtIndex(step) : null;
    const child = $isElementNode(node) ? node.getChildAtIndex(Math.max(ordinal, 0)) : null;
    const target = child ?? node;
    const dom = target ? editor.getElementByKey(target.getKey()) : null;
    if (!dom) return null;
    if (!$isTextNode(target)) return { node: dom, offset: 0 };
    const text = dom.firstChild?.nodeType === Node.TEXT_NODE ? dom.firstChild : dom;
    return { node: text, offset: Math.min(offset, text.textContent?.length ?? 0) };
  });
}

/** A DOM range over the anchor's passage as the page shows it now, or null. */
export function rangeOfAnchor(editor: LexicalEditor, root: Y.XmlText, anchor: Anchor): Range | null {
  const start = domPoint(editor, root, anchor.start);
  const end = domPoint(editor, root, anchor.end);
  if (!start || !end) return null;
  const range = document.createRange();
  try {
    range.setStart(start.node, start.offset);
    range.setEnd(end.node, end.offset);
  } catch {
    return null;
  }
  return range.collapsed ? null : range;
}
