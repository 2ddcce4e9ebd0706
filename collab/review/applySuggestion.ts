// Applies an accepted suggestion inside a Lexical update of an editor bound to the document: the anchored passage, and nothing else, becomes the replacement.
import {
  $createRangeSelection,
  $getRoot,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $isTextNode,
  $setSelection,
  type ElementNode,
  type RangeSelection,
} from "lexical";
import type * as Y from "yjs";
import { type Anchor, flatten, resolveAnchor } from "./anchors.ts";

type Point = { key: string; offset: number; type: "text" | "element" };

/**
 * The editor's text read the way `flatten` reads the shared document (@lexical/yjs mirrors the tree: each
 * element ends with "\n", line breaks and decorators add nothing), with the Lexical point before each character.
 */
function $pointsOfText(): { text: string; before: Point[] } {
  let text = "";
  const before: Point[] = [];
  const visit = (element: ElementNode) => {
    for (const child of element.getChildren()) {
      if ($isTextNode(child)) {
        const content = child.getTextContent();
        for (let i = 0; i < content.length; i++) before.push({ key: child.getKey(), offset: i, type: "text" });
        text += content;
      } else if ($isElementNode(child)) {
        visit(child);
        before.push({ key: child.getKey(), offset: child.getChildrenSize(), type: "element" });
        text += "\n";
      }
    }
  };
  visit($getRoot());
  return { text, before };
}

/** Types the replacement over the selection; each newline splits the paragraph as Enter would. */
function $type(selection: RangeSelection, replacement: string): void {
  const lines = replacement.split("\n");
  selection.insertText(lines[0]!);
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
  const selection = $createRangeSelection();
  selection.anchor.set(start.key, start.offset, start.type);
  selection.focus.set(end.key, end.offset, end.type);
  // The replacement takes the look (bold, italic) of where the passage starts.
  const first = selection.anchor.getNode();
  if ($isTextNode(first)) {
    selection.format = first.getFormat();
    selection.style = first.getStyle();
  }
  $setSelection(selection);
  $type(selection, replacement);
  return "applied";
}
