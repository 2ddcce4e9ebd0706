// Applies an accepted suggestion inside a Lexical update of an editor bound to the document: the anchored passage, and nothing else, becomes the replacement.
import {
  $createRangeSelection,
  $getNodeByKey,
  $getRoot,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $isTextNode,
  $setSelection,
  type ElementNode,
  type LexicalNode,
  type RangeSelection,
} from "lexical";
import type * as Y from "yjs";
import { type Anchor, flatten, resolveAnchor } from "./anchors.ts";

export type Point = { key: string; offset: number; type: "text" | "element" };

/** The point just before `node` in its parent, as the end of the text before it when there is one. */
function $pointBefore(node: LexicalNode): Point {
  const previous = node.getPreviousSibling();
  if ($isTextNode(previous)) return { key: previous.getKey(), offset: previous.getTextContentSize(), type: "text" };
  return { key: node.getParentOrThrow().getKey(), offset: node.getIndexWithinParent(), type: "element" };
}

/** The point just after `node` in its parent, as the start of the text after it when there is one. */
function $pointAfter(node: LexicalNode): Point {
  const next = node.getNextSibling();
  if ($isTextNode(next)) return { key: next.getKey(), offset: 0, type: "text" };
  return { key: node.getParentOrThrow().getKey(), offset: node.getIndexWithinParent() + 1, type: "element" };
}

/** Inline elements (links) are left by their edges: Lexical's range edits trip on points at a link's very start or end. */
const isInline = (node: LexicalNode | null): boolean => $isElementNode(node) && node.isInline();

/**
 * The editor's text read the way `flatten` reads the shared document (@lexical/yjs mirrors the tree: each
 * element ends with "\n", line breaks and decorators add nothing), with the Lexical point before each character.
 */
export function $pointsOfText(): { text: string; before: Point[] } {
  let text = "";
  const before: Point[] = [];
  const visit = (element: ElementNode) => {
    for (const child of element.getChildren()) {
      if ($isTextNode(child)) {
        const content = child.getTextContent();
        for (let i = 0; i < content.length; i++)
          before.push(i === 0 && child.getPreviousSibling() === null && isInline(element) ? $pointBefore(element) : { key: child.getKey(), offset: i, type: "text" });
        text += content;
      } else if ($isElementNode(child)) {
        visit(child);
        // The end of an element is the end of its last text when it has one (Lexical edits text points more surely); a link's is the point after it.
        const last = child.getLastChild();
        before.push(
          isInline(child)
            ? $pointAfter(child)
            : $isTextNode(last)
              ? { key: last.getKey(), offset: last.getTextContentSize(), type: "text" }
              : { key: child.getKey(), offset: child.getChildrenSize(), type: "element" },
        );
        text += "\n";
      }
    }
  };
  visit($getRoot());
  return { text, before };
}

/** Makes the range from `a` to `b` the editor's selection. */
function $select(a: Point, b: Point): RangeSelection {
  const selection = $createRangeSelection();
  selection.anchor.set(a.key, a.offset, a.type);
  selection.focus.set(b.key, b.offset, b.type);
  $setSelection(selection);
  return selection;
}

/** The block (paragraph, heading, list item…) a point is in. */
function $blockOf(point: Point): ElementNode | null {
  let node: LexicalNode | null = $getNodeByKey(point.key);
  while (node && !($isElementNode(node) && !node.isInline())) node = node.getParent();
  return node;
}

const $endOf = (block: ElementNode): Point => {
  const last = block.getLastDescendant();
  return $isTextNode(last) ? { key: last.getKey(), offset: last.getTextContentSize(), type: "text" } : { key: block.getKey(), offset: block.getChildrenSize(), type: "element" };
};

/**
 * Deletes the range and leaves the selection collapsed where it was. Across blocks, it goes block by block
 * (Lexical's own range deletion trips on its selection while merging blocks around links and line breaks):
 * the end block's part, the blocks between, the start block's part, then the end block's rest joins the start block.
 */
function $removeRange(start: Point, end: Point): void {
  const first = $blockOf(start);
  const last = $blockOf(end);
  if (!first || !last || first.is(last) || first.isParentOf(last) || last.isParentOf(first)) {
    $select(start, end).removeText();
    return;
  }
  const above = new Set(first.getParents().map((n) => n.getKey()));
  const common = last.getParents().find((n) => above.has(n.getKey()));
  if (!common) return void $select(start, end).removeText();
  const head = last.getFirstDescendant();
  $select($isTextNode(head) ? { key: head.getKey(), offset: 0, type: "text" } : { key: last.getKey(), offset: 0, type: "element" }, end).removeText();
  const between: LexicalNode[] = [];
  let top: LexicalNode = first;
  for (let parent = top.getParent(); parent && !parent.is(common); top = parent, parent = parent.getParent()) between.push(...top.getNextSiblings());
  let bottom: LexicalNode = last;
  for (let parent = bottom.getParent(); parent && !parent.is(common); bottom = parent, parent = parent.getParent()) between.push(...bottom.getPreviousSiblings());
  between.push(...top.getNextSiblings().filter((n) => n.isBefore(bottom)));
  for (const node of between) node.remove();
  $select(start, $endOf(first)).removeText();
  const at = $getSelection();
  if (!$isRangeSelection(at)) return;
  const point: Point = { key: at.anchor.key, offset: at.anchor.offset, type: at.anchor.type };
  first.append(...last.getChildren());
  let emptied: ElementNode | null = last;
  while (emptied && !emptied.is(common) && emptied.getChildrenSize() === 0) {
    const parent: ElementNode | null = emptied.getParent();
    emptied.remove();
    emptied = parent;
  }
  $select(point, point);
}

/** Types the replacement over the range; each newline splits the paragraph as Enter would. */
function $type(start: Point, end: Point, replacement: string): void {
  const lines = replacement.split("\n");
  const look = $getNodeByKey(start.key);
  $removeRange(start, end);
  const collapsed = $getSelection();
  // The replacement takes the look (bold, italic) of where the passage starts.
  if ($isRangeSelection(collapsed) && $isTextNode(look)) {
    collapsed.format = look.getFormat();
    collapsed.style = look.getStyle();
  }
  if (lines[0] && $isRangeSelection(collapsed)) collapsed.insertText(lines[0]);
  for (const line of lines.slice(1)) {
    const current = $getSelection();
    if (!$isRangeSelection(current)) return;
    current.insertParagraph();
    const next = $getSelection();
    if (line !== "" && $isRangeSelection(next)) next.insertText(line);
  }
}

/**
 * Replaces the passage of `anchor`, as the document `root` has it now, with `replacement`. Call it inside
 * `editor.update()` of an editor bound to `root`'s document, so the change is the editor's own (undo, relay).
 * "detached": the passage is all gone, nothing changes; "invalid": the anchor is not of this document, or the
 * editor does not show the document as it is (not yet synced), nothing changes either.
 */
export function $applySuggestion(root: Y.XmlText, anchor: Pick<Anchor, "start" | "end">, replacement: string): "applied" | "detached" | "invalid" {
  const flat = flatten(root);
  const resolved = resolveAnchor(root, anchor, flat);
  if (resolved.state !== "attached") return resolved.state;
  const { text, before } = $pointsOfText();
  if (text !== flat.text) return "invalid";
  const start = before[resolved.from];
  // The end is the point before the first character after the passage (the passage never takes the last "\n").
  const end = before[Math.min(resolved.to, before.length - 1)];
  if (!start || !end) return "invalid";
  $type(start, end, replacement);
  return "applied";
}
