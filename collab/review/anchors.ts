// Passage anchors as Yjs relative positions: encode them, and resolve them against a document as it is now.
import * as Y from "yjs";

/** A passage: where it starts and ends (encoded relative positions) and the text it was made on. */
export type Anchor = { start: string; end: string; quote: string };

/** attached: the passage, as flat offsets into `flatText`; detached: its text is all gone; invalid: not of this document. */
export type Resolved = { state: "attached"; from: number; to: number; text: string } | { state: "detached" } | { state: "invalid" };

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** The passage of `type` between two indexes: the start sticks to the text after it, the end to the text before it. */
export function anchorIn(type: Y.XmlText, startIndex: number, endType: Y.XmlText, endIndex: number, quote: string): Anchor {
  return {
    start: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(type, startIndex, 0))),
    end: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(endType, endIndex, -1))),
    quote,
  };
}

type Flat = { text: string; offsets: Map<object, number[]> };

/**
 * The document as one string, paragraphs ending in "\n", with, for each shared type, the flat offset of
 * each of its indexes: Lexical keeps text nodes as embedded maps (no text) between strings in nested XmlTexts.
 */
export function flatten(root: Y.XmlText): Flat {
  const offsets = new Map<object, number[]>();
  let text = "";
  // An explicit stack, not recursion: a hostile document can nest thousands of levels deep.
  type Frame = { delta: { insert: unknown }[]; next: number; at: number[] };
  const enter = (type: Y.XmlText): Frame => {
    const at: number[] = [];
    offsets.set(type, at);
    return { delta: type.toDelta() as { insert: unknown }[], next: 0, at };
  };
  const stack = [enter(root)];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const op = frame.delta[frame.next++];
    if (op === undefined) {
      frame.at.push(text.length);
      stack.pop();
      // A nested paragraph ends with a line break, as the reader sees it.
      if (stack.length > 0) text += "\n";
    } else if (typeof op.insert === "string") {
      for (const ch of op.insert) {
        // Yjs counts UTF-16 units: a surrogate pair is two indexes.
        for (let i = 0; i < ch.length; i++) frame.at.push(text.length + i);
        text += ch;
      }
    } else {
      frame.at.push(text.length);
      if (op.insert instanceof Y.XmlText) stack.push(enter(op.insert));
    }
  }
  return { text, offsets };
}

/** The flat offset of a relative position; "gone" when its paragraph was deleted with it; null when it is not of this document. */
function absolute(doc: Y.Doc, encoded: string, flat: Flat): number | "gone" | null {
  let relative: Y.RelativePosition;
  try {
    relative = Y.decodeRelativePosition(fromBase64(encoded));
  } catch {
    return null;
  }
  const abs = Y.createAbsolutePositionFromRelativePosition(relative, doc);
  const at = abs && flat.offsets.get(abs.type);
  if (at) return at[abs.index] ?? null;
  // Not in the text, yet a character this document has seen: deleted with its paragraph (and perhaps collected).
  const item = relative.item;
  return item && item.clock < Y.getState(doc.store, item.client) ? "gone" : null;
}

/** Where the anchor's passage is in `doc` now, or why it is nowhere. */
export function resolveAnchor(root: Y.XmlText, anchor: Pick<Anchor, "start" | "end">, flat = flatten(root)): Resolved {
  const doc = root.doc;
  if (!doc) return { state: "invalid" };
  const from = absolute(doc, anchor.start, flat);
  const to = absolute(doc, anchor.end, flat);
  if (from === null || to === null) return { state: "invalid" };
  // Every character of the passage deleted: both ends fall on the same place (or cross over).
  if (from === "gone" || to === "gone" || to <= from) return { state: "detached" };
  return { state: "attached", from, to, text: flat.text.slice(from, to) };
}
