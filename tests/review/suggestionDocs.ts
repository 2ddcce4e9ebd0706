// Yjs documents bound to headless Lexical editors, for suggestion tests: write paragraphs, sync, anchor a flat range as the client does.
import { $createLinkNode } from "@lexical/link";
import { $createLineBreakNode, $createParagraphNode, $createTextNode, $getRoot, type TextFormatType } from "lexical";
import * as Y from "yjs";
import { type Anchor, anchorIn, flatten } from "../../collab/review/anchors.ts";
import { bind, type Bound, flush } from "../../collab/schema/documents.ts";
import { ROOT_NAME } from "../../collab/schema/nodes.ts";

/** One piece of a paragraph: text (perhaps bold or italic), a link around some text, or a line break. */
export type Piece = { text: string; format?: TextFormatType; link?: boolean } | { lineBreak: true };

export type Editor = Bound & { doc: Y.Doc; root: Y.XmlText };

export function boundEditor(clientID?: number): Editor {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  return { ...bind(doc), doc, root: doc.get(ROOT_NAME, Y.XmlText) };
}

/** Sends what `to` has not seen of `from`, then lets `to`'s editor catch up. */
export function sync(from: Editor, to: Editor): void {
  Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)));
  flush(to.editor);
}

/** Replaces the editor's body with these paragraphs, as a person would write them. */
export function write(editor: Editor, paragraphs: Piece[][]): void {
  editor.editor.update(
    () => {
      const root = $getRoot();
      root.clear();
      for (const pieces of paragraphs) {
        const paragraph = $createParagraphNode();
        for (const piece of pieces) {
          if ("lineBreak" in piece) paragraph.append($createLineBreakNode());
          else {
            const text = $createTextNode(piece.text);
            if (piece.format) text.toggleFormat(piece.format);
            paragraph.append(piece.link ? $createLinkNode("https://example.org/").append(text) : text);
          }
        }
        root.append(paragraph);
      }
    },
    { discrete: true },
  );
}

type Char = { type: Y.XmlText; index: number } | { end: "block" | "inline" };

/**
 * Each character of the flat text (see flatten), in order: a character of the document (its shared type and
 * index), or the "\n" that ends a block (a paragraph) or an inline element (a link).
 */
function characters(root: Y.XmlText): Char[] {
  const out: Char[] = [];
  const visit = (type: Y.XmlText, depth: number) => {
    let index = 0;
    for (const op of type.toDelta() as { insert: unknown }[]) {
      if (typeof op.insert === "string") {
        for (let i = 0; i < op.insert.length; i++) out.push({ type, index: index + i });
        index += op.insert.length;
      } else {
        if (op.insert instanceof Y.XmlText) {
          visit(op.insert, depth + 1);
          out.push({ end: depth === 0 ? "block" : "inline" });
        }
        index += 1;
      }
    }
  };
  visit(root, 0);
  return out;
}

/** Offsets of the flat text that are characters a person typed (not the ends of paragraphs or links). */
export const typedOffsets = (root: Y.XmlText): number[] => characters(root).flatMap((c, i) => ("type" in c ? [i] : []));

/**
 * The text as a reader compares it: the flat text without the ends of inline elements, which Lexical may
 * split or drop (an emptied link goes away) without any text changing. Also maps a flat offset into it.
 */
export function readable(root: Y.XmlText): { text: string; at(offset: number): number } {
  const flat = flatten(root).text;
  const chars = characters(root);
  const kept = chars.map((c) => !("end" in c) || c.end === "block");
  const at = (offset: number) => kept.slice(0, offset).filter(Boolean).length;
  return { text: flat.split("").filter((_, i) => kept[i]).join(""), at };
}

/** The anchor the client makes for a selection of the flat text [from, to): both ends on characters of the text. */
export function anchorOver(root: Y.XmlText, from: number, to: number): Anchor {
  const chars = characters(root);
  const first = chars[from];
  const last = chars[to - 1];
  if (!first || !last || "end" in first || "end" in last) throw new Error(`no text at ${from} or ${to - 1}`);
  return anchorIn(first.type, first.index, last.type, last.index + 1, flatten(root).text.slice(from, to));
}

export const flatText = (editor: Editor): string => flatten(editor.root).text;
