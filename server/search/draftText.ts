// The plain text of a body as stored (a Yjs update), read straight from the shared tree: cheap enough for every atelier search.
import * as Y from "yjs";
// The shape's constants, not the node registry: the search index is built at start-up, the editor is not needed then.
import { MAX_DEPTH, ROOT_NAME } from "../../collab/schema/shape.ts";

/** Text runs of an element and its children, blocks apart; deeper than the editor keeps is not read (see sanitize.ts). */
function textOf(element: Y.XmlText, depth: number): string {
  let out = "";
  for (const { insert } of element.toDelta() as { insert: unknown }[]) {
    if (typeof insert === "string") out += insert;
    else if (insert instanceof Y.XmlText && depth < MAX_DEPTH) out += ` ${textOf(insert, depth + 1)} `;
  }
  return out;
}

/** The words of a stored body, for the search index; a body that does not decode reads as empty. */
export function bodyText(update: Uint8Array): string {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, update);
    return textOf(doc.get(ROOT_NAME, Y.XmlText), 0).replace(/\s+/g, " ").trim();
  } catch {
    return "";
  } finally {
    doc.destroy();
  }
}
