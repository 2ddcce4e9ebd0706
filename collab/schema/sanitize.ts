// Makes any Yjs body readable by the node registry: drops unknown or misplaced nodes, ill-typed properties, orphan text and nesting past a bound.
import { createYjsBinding } from "@lexical/yjs";
import { $isDecoratorNode, $isElementNode, $isLineBreakNode, $isTextNode, type LexicalEditor } from "lexical";
import * as Y from "yjs";
import { MAX_DEPTH } from "./shape.ts";

export { MAX_DEPTH };

type Shared = Y.XmlText | Y.Map<unknown> | Y.XmlElement;
type Holder = typeof Y.XmlText | typeof Y.Map | typeof Y.XmlElement;
/** How a node type is held in Yjs, whether it may sit on the root, and the properties the binding syncs. */
type Shape = { holder: Holder; block: boolean; defaults: Readonly<Record<string, unknown>> };
export type BodyShapes = ReadonlyMap<string, Shape>;

/** Values some string properties may take: they become tag names or attributes in the DOM. */
const CHOICES: Record<string, readonly unknown[]> = {
  __dir: ["ltr", "rtl", null],
  __listType: ["bullet", "number", "check"],
};
const TAGS: Record<string, readonly string[]> = { heading: ["h1", "h2", "h3", "h4", "h5", "h6"], list: ["ul", "ol"] };
/** Registered by Lexical for its own use, never written by an editor. */
export const INTERNAL: ReadonlySet<string> = new Set(["root", "artificial"]);

/** The shape of every node type of the editor's registry, read as @lexical/yjs reads it. */
export function bodyShapes(editor: LexicalEditor): BodyShapes {
  const doc = new Y.Doc();
  const { nodeProperties } = createYjsBinding({ editor, id: "shape", doc, docMap: new Map([["shape", doc]]), rootName: "shape" });
  const shapes = new Map<string, Shape>();
  editor.update(
    () => {
      for (const [type, { klass }] of editor._nodes) {
        const node = new klass();
        const holder = $isElementNode(node)
          ? Y.XmlText
          : $isTextNode(node) || $isLineBreakNode(node)
            ? Y.Map
            : $isDecoratorNode(node)
              ? Y.XmlElement
              : undefined;
        const defaults = nodeProperties.get(type);
        if (holder && defaults) shapes.set(type, { holder, block: !node.isInline(), defaults });
      }
    },
    { discrete: true },
  );
  return shapes;
}

/** Whether a synced property may hold this value: the type of its default, one of its choices, finite numbers. */
function fits(type: string, key: string, value: unknown, defaults: Readonly<Record<string, unknown>>): boolean {
  if (key === "__type") return value === type;
  if (!Object.hasOwn(defaults, key)) return false;
  if (key === "__tag") return TAGS[type]?.includes(value as string) ?? false;
  if (Object.hasOwn(CHOICES, key)) return CHOICES[key]!.includes(value);
  if (typeof value === "number" && !Number.isFinite(value)) return false;
  const fallback = defaults[key];
  // A null default (image size, link target) takes a plain value; the render checks it further.
  if (fallback === null) return value === null || typeof value === "string" || typeof value === "number";
  return typeof value === typeof fallback;
}

/** The properties of `from` that fit its node type, as [key, value] pairs. */
function cleanProperties(from: Shared, type: string, shape: Shape): [string, unknown][] {
  const entries = from instanceof Y.Map ? [...from.entries()] : Object.entries(from.getAttributes());
  return entries.filter(([key, value]) => fits(type, key, value, shape.defaults));
}

const typeOf = (shared: Shared): unknown => (shared instanceof Y.Map ? shared.get("__type") : shared.getAttribute("__type"));

/** Block types that live only inside their own container (list items in lists, rows in tables, cells in rows). */
const CONTAINED: Readonly<Record<string, string>> = { listitem: "list", tablerow: "table", tablecell: "tablerow" };

/**
 * Whether a node may sit in a parent, as the editor itself nests them: blocks on the root, list items
 * in lists, rows in tables and cells in rows, blocks (no table) in cells, inline nodes and images in
 * text blocks, inline nodes in links, nested lists in list items. Lexical's own normalisation of anything else (a list inside
 * a link…) throws.
 */
function placed(parent: string, type: string, shape: Shape): boolean {
  if (CONTAINED[type] !== undefined) return CONTAINED[type] === parent;
  if (parent === "root") return shape.block;
  if (parent === "list" || parent === "table" || parent === "tablerow") return false;
  if (parent === "tablecell") return shape.block && type !== "table";
  if (parent === "listitem") return !shape.block || type === "list";
  if (parent === "link") return !shape.block && type !== "link";
  // A pasted <p><img></p> puts the (block) image inside its paragraph; the editor keeps it there.
  return !shape.block || shape.holder === Y.XmlElement;
}

/** Copies the kept children of `from` (of node type `parent`, at `depth`, root 0) to the end of `to`. */
function copyChildren(from: Y.XmlText, parent: string, to: Y.XmlText, depth: number, shapes: BodyShapes): void {
  // Text runs belong to the text node embedded just before them; anything else leaves them orphan.
  let inText = false;
  for (const { insert } of from.toDelta() as { insert: unknown }[]) {
    if (typeof insert === "string") {
      if (inText) to.insert(to.length, insert);
      continue;
    }
    const shared = insert instanceof Y.XmlText || insert instanceof Y.Map || insert instanceof Y.XmlElement ? insert : null;
    const type = shared ? typeOf(shared) : undefined;
    const shape = typeof type === "string" && !INTERNAL.has(type) ? shapes.get(type) : undefined;
    const keep =
      shared !== null &&
      shape !== undefined &&
      shared instanceof shape.holder &&
      placed(parent, type as string, shape) &&
      (!(shared instanceof Y.XmlText) || depth < MAX_DEPTH);
    inText = keep && shared instanceof Y.Map && type !== "linebreak";
    if (!keep) continue;
    const properties = cleanProperties(shared, type as string, shape);
    if (shared instanceof Y.Map) {
      to.insertEmbed(to.length, new Y.Map(properties));
    } else if (shared instanceof Y.XmlElement) {
      const copy = new Y.XmlElement(shared.nodeName);
      to.insertEmbed(to.length, copy);
      for (const [key, value] of properties) copy.setAttribute(key, value as string);
    } else {
      const copy = new Y.XmlText();
      to.insertEmbed(to.length, copy);
      for (const [key, value] of properties) copy.setAttribute(key, value as string);
      copyChildren(shared, type as string, copy, depth + 1, shapes);
    }
  }
}

/**
 * Copies the body under `from` into the empty, integrated `to`, keeping only what the editor's
 * registry can read: a hostile client can write anything into a shared document, and every reader
 * (publishing, restore) must still get a well-formed Lexical tree. Nothing is deleted from `from`
 * (Yjs itself fails to delete a subtree thousands of levels deep).
 */
export function copySanitizedBody(from: Y.XmlText, to: Y.XmlText, shapes: BodyShapes): void {
  for (const [key, value] of cleanProperties(from, "root", shapes.get("root")!)) to.setAttribute(key, value as string);
  copyChildren(from, "root", to, 0, shapes);
}
