// Checks a client's document update before it is stored or relayed: size, top-level names, nesting depth, node types.
import * as Y from "yjs";
import { registryShapes } from "../schema/documents.ts";
import { NAMES } from "../schema/meta.ts";
import { ROOT_NAME } from "../schema/nodes.ts";
import { INTERNAL, MAX_DEPTH } from "../schema/sanitize.ts";

/**
 * What no real episode reaches, and every reader of a document (server render, anchors, search, the
 * browser editor) stays safe under. The trace's 104,852 characters, with all their history, encode
 * to ~0.3 MB; Lexical nests ~6 levels (a list in a list…); the sanitiser keeps 32.
 */
export const UPDATE_LIMITS = { documentBytes: 8 * 1024 * 1024, depth: MAX_DEPTH };
export type UpdateLimits = typeof UPDATE_LIMITS;

export type Refusal = { reason: "size" | "top_level" | "depth" | "node_type" | "content" | "unresolved"; detail: string };

const META_NAMES: ReadonlySet<string> = new Set(Object.values(NAMES));
/** Where an item sits: its top-level type, the depth of its parent (0: the top-level type) and the parent's kind. */
type Place = { top: string; depth: number; holder: Holder | null };
type Holder = typeof Y.XmlText | typeof Y.Map | typeof Y.XmlElement | typeof Y.AbstractType;
/** A struct the update or the document holds, found by id; "gone" for collected ones (what lands there is dropped). */
type Found = { item: Y.Item; inUpdate: boolean } | "gone" | undefined;
/** "gone": under a collected or deleted parent, which Yjs drops on applying; null: under a parent nobody holds. */
type Where = { place: Place | "gone" | null; sub: string | null };

/** The property under which @lexical/yjs stores a node's NodeState. */
const NODE_STATE = "__state";

const refuse = (reason: Refusal["reason"], detail: string): Refusal => ({ reason, detail });

/** A room as the guard reads it: its document, and about how large its stored encoding is. */
export type GuardedRoom = { readonly doc: Y.Doc; readonly sizeBytes: number };

/**
 * A room's size counts what is stored; updates admitted since are still being written. What a room
 * grew by since last seen is taken off them (a compaction, which shrinks it, starts the count again).
 */
const inFlight = new WeakMap<GuardedRoom, { seen: number; bytes: number }>();

function expectedSize(room: GuardedRoom, adding: number): { seen: number; bytes: number } {
  const now = room.sizeBytes;
  const last = inFlight.get(room);
  const bytes = !last || now < last.seen ? 0 : Math.max(0, last.bytes - (now - last.seen));
  return { seen: now, bytes: bytes + adding };
}

/**
 * Whether `update` may be applied to the room's document. Reads the update's structs with Yjs's own
 * decoder and places each against the update and the document, without applying anything. Returns why
 * it is refused, or null (the update then counts towards the room's size).
 */
export function checkUpdate(room: GuardedRoom, update: Uint8Array, limits: UpdateLimits = UPDATE_LIMITS): Refusal | null {
  const size = expectedSize(room, update.byteLength);
  if (size.seen + size.bytes > limits.documentBytes) return refuse("size", `${size.seen + size.bytes} > ${limits.documentBytes} octets`);
  const refusal = checkStructs(room.doc, update, limits);
  if (!refusal) inFlight.set(room, size);
  return refusal;
}

function checkStructs(doc: Y.Doc, update: Uint8Array, limits: UpdateLimits): Refusal | null {
  const { structs } = Y.decodeUpdate(update);
  const byClient = new Map<number, (Y.Item | Y.GC)[]>();
  for (const s of structs) {
    if (s instanceof Y.Skip) continue;
    const run = byClient.get(s.id.client) ?? [];
    run.push(s as Y.Item | Y.GC);
    byClient.set(s.id.client, run);
  }
  const memo = new Map<Y.Item, Where>();
  const find = (id: Y.ID): Found => findInUpdate(byClient, id) ?? findInDoc(doc, id);
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    const refusal = checkItem(s, whereOf(s, find, memo), limits);
    if (refusal) return refusal;
  }
  return null;
}

function checkItem(item: Y.Item, { place, sub }: Where, limits: UpdateLimits): Refusal | null {
  const content = item.content;
  const isType = content instanceof Y.ContentType;
  // A type or a node type under a parent nobody has: its depth cannot be known. A client's stream is
  // causal, the room holds all it relayed and what it lacked came first in the client's answer to our sync step 1
  // (Connection holds its updates until then), so only a forged update (or a lagging instance) sends it.
  if (place === "gone") return null;
  if (place === null) return isType || sub === "__type" ? refuse("unresolved", "parent inconnu") : null;
  if (place.top !== ROOT_NAME && !META_NAMES.has(place.top)) return refuse("top_level", place.top);
  if (content instanceof Y.ContentString || content instanceof Y.ContentDeleted || content instanceof Y.ContentFormat) return null;
  if (META_NAMES.has(place.top))
    return content instanceof Y.ContentAny && sub !== null ? null : refuse("content", `${place.top}: ${content.constructor.name}`);
  if (isType) return checkType(sub, content.type, place, limits);
  if (!(content instanceof Y.ContentAny) || sub === null) return refuse("content", content.constructor.name);
  return sub === "__type" ? checkNodeType(content.arr, place) : null;
}

function checkType(sub: string | null, type: Y.AbstractType<unknown>, place: Place, limits: UpdateLimits): Refusal | null {
  if (!(type instanceof Y.XmlText || type instanceof Y.Map || type instanceof Y.XmlElement) || type instanceof Y.XmlHook)
    return refuse("content", type.constructor.name);
  // Lexical keeps a node's NodeState as a map under its "__state" property (a heading or list item after a Markdown shortcut).
  if (sub === NODE_STATE && type instanceof Y.Map) return place.depth + 1 > limits.depth + 1 ? refuse("depth", `${place.depth + 1} > ${limits.depth}`) : null;
  // Nodes are embedded in element texts, never held as a property's value nor inside a text node or an image.
  if (sub !== null || (place.holder !== null && place.holder !== Y.XmlText)) return refuse("content", "type hors d'un élément");
  const depth = place.depth + 1;
  // Elements (texts) down to the limit, and their leaves (text nodes, images) one below.
  if (depth > limits.depth + (type instanceof Y.XmlText ? 0 : 1)) return refuse("depth", `${depth} > ${limits.depth}`);
  return null;
}

/** A node's `__type`: a type of the registry, held as the registry holds it (the root's own is "root"). */
function checkNodeType(values: unknown[], place: Place): Refusal | null {
  const value = values[0];
  if (place.holder === null) return value === ROOT_NAME ? null : refuse("node_type", String(value));
  const shape = typeof value === "string" && !INTERNAL.has(value) ? registryShapes().get(value) : undefined;
  return shape && shape.holder === place.holder ? null : refuse("node_type", String(value).slice(0, 80));
}

/**
 * Where an item sits, and under which key when it is a property. An item names its parent (and key), or
 * shares those of its left or right neighbour (origin), which may itself be placed the same way:
 * followed with a loop, not recursion, since one paste chains thousands of neighbours. A null place:
 * the chain leads to a struct nobody holds.
 */
function whereOf(start: Y.Item, find: (id: Y.ID) => Found, memo: Map<Y.Item, Where>): Where {
  // Each step: an item whose place is inside the next one's type (it names it as parent) or beside it.
  const path: { item: Y.Item; inside: boolean }[] = [];
  let item = start;
  let base: Where | undefined = memo.get(item);
  while (base === undefined) {
    if (typeof item.parent === "string") {
      base = { place: { top: item.parent, depth: 0, holder: null }, sub: item.parentSub };
      break;
    }
    const parentId = item.parent instanceof Y.ID ? item.parent : null;
    const link = parentId ?? item.origin ?? item.rightOrigin;
    const found = link ? find(link) : undefined;
    if (found === undefined || found === "gone") base = { place: found === "gone" ? "gone" : null, sub: item.parentSub };
    else if (!found.inUpdate)
      base = parentId
        ? { place: inside(found.item), sub: item.parentSub }
        : { place: placeInDoc(found.item.parent as Y.AbstractType<unknown>), sub: found.item.parentSub };
    else {
      path.push({ item, inside: parentId !== null });
      item = found.item;
      base = memo.get(item);
      continue;
    }
    break;
  }
  memo.set(item, base);
  // Unwind: each step's place from the one it hangs on.
  let where = base;
  for (let i = path.length - 1; i >= 0; i--) {
    const step = path[i]!;
    const next = i + 1 < path.length ? path[i + 1]!.item : item;
    if (step.inside) where = { place: typeof where.place === "object" && where.place ? insideUpdateItem(next, where.place) : where.place, sub: step.item.parentSub };
    memo.set(step.item, where);
  }
  return where;
}

/** The place of the children of a type item of the update, given the type item's own place. */
function insideUpdateItem(typeItem: Y.Item, place: Place): Place | null {
  const content = typeItem.content;
  if (!(content instanceof Y.ContentType)) return null;
  return { top: place.top, depth: place.depth + 1, holder: content.type.constructor as Holder };
}

/** The place of the children of a type item the document holds. */
function inside(typeItem: Y.Item): Place | "gone" | null {
  const content = typeItem.content;
  if (typeItem.deleted) return "gone";
  return content instanceof Y.ContentType ? placeInDoc(content.type) : null;
}

/** The place of the children of a document's type: its depth, walked up. */
function placeInDoc(type: Y.AbstractType<unknown>): Place | null {
  let depth = 0;
  let at = type;
  while (at._item) {
    const parent = at._item.parent;
    if (!(parent instanceof Y.AbstractType)) return null;
    at = parent;
    depth++;
  }
  const top = Y.findRootTypeKey(at);
  return { top, depth, holder: at === type ? null : (type.constructor as Holder) };
}

function findInUpdate(byClient: Map<number, (Y.Item | Y.GC)[]>, id: Y.ID): Found {
  const run = byClient.get(id.client);
  if (!run) return undefined;
  let lo = 0;
  let hi = run.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = run[mid]!;
    if (id.clock < s.id.clock) hi = mid - 1;
    else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
    else return s instanceof Y.Item ? { item: s, inUpdate: true } : "gone";
  }
  return undefined;
}

function findInDoc(doc: Y.Doc, id: Y.ID): Found {
  if (Y.getState(doc.store, id.client) <= id.clock) return undefined;
  const structs = doc.store.clients.get(id.client)!;
  const s = structs[Y.findIndexSS(structs, id.clock)];
  return s instanceof Y.Item ? { item: s, inUpdate: false } : "gone";
}
