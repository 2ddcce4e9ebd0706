// PROVISIONAL (h2, until h1's version lands): an accepted proposal applied inside an editor.update() bound to the document.
import { $createRangeSelection, $getRoot, $isElementNode, $isTextNode, $setSelection, type LexicalNode, type PointType } from "lexical";
import * as Y from "yjs";
import { type Anchor, resolveAnchor } from "./anchors.ts";

type Op = { insert: unknown };

function $point(root: Y.XmlText, encoded: string, point: PointType): boolean {
  const abs = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0))), root.doc!);
  if (!abs || !(abs.type instanceof Y.XmlText)) return false;
  const path: number[] = [];
  for (let type: Y.XmlText = abs.type; type !== root; ) {
    const parent = type._item?.parent;
    if (!(parent instanceof Y.XmlText)) return false;
    const embeds = (parent.toDelta() as Op[]).map((op) => op.insert).filter((x) => typeof x !== "string");
    path.unshift(embeds.indexOf(type));
    type = parent;
  }
  let element: LexicalNode | null = $getRoot();
  for (const step of path) element = $isElementNode(element) ? element.getChildAtIndex(step) : null;
  if (!$isElementNode(element)) return false;
  let pos = 0;
  let k = -1;
  for (const op of abs.type.toDelta() as Op[]) {
    if (typeof op.insert === "string") {
      const child = element.getChildAtIndex(k);
      if (abs.index >= pos && abs.index <= pos + op.insert.length && $isTextNode(child)) {
        point.set(child.getKey(), abs.index - pos, "text");
        return true;
      }
      pos += op.insert.length;
    } else {
      if (abs.index === pos) {
        point.set(element.getKey(), k + 1, "element");
        return true;
      }
      k++;
      pos += 1;
    }
  }
  point.set(element.getKey(), k + 1, "element");
  return true;
}

export function $applySuggestion(root: Y.XmlText, anchor: Pick<Anchor, "start" | "end">, replacement: string): "applied" | "detached" | "invalid" {
  const resolved = resolveAnchor(root, anchor);
  if (resolved.state !== "attached") return resolved.state;
  const selection = $createRangeSelection();
  if (!$point(root, anchor.start, selection.anchor) || !$point(root, anchor.end, selection.focus)) return "invalid";
  $setSelection(selection);
  if (replacement === "") selection.removeText();
  else selection.insertText(replacement);
  return "applied";
}
