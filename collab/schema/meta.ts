// Title and summary of an episode, held as Y.Text beside the body in its shared document: the names and edits server and workspace share.
import * as Y from "yjs";

export type MetaField = "title" | "summary";
/** Top-level names of the shared texts; the body is under ROOT_NAME ("root"). */
export const NAMES: Record<MetaField, string> = { title: "title", summary: "summary" };

export const metaText = (doc: Y.Doc, field: MetaField): Y.Text => doc.getText(NAMES[field]);

/** The texts as typed (only their characters: embeds and formatting a client may add are not read). */
export function readMeta(doc: Y.Doc): { title: string; summary: string } {
  return { title: metaText(doc, "title").toString(), summary: metaText(doc, "summary").toString() };
}

/** Whether the document never held a title nor a summary: an episode from before they were shared. */
export function metaNeverWritten(doc: Y.Doc): boolean {
  return metaText(doc, "title")._start === null && metaText(doc, "summary")._start === null;
}

/**
 * Turns `text` into `next` with the smallest edit (common start and end kept), so what others type
 * elsewhere in the same field at the same time survives.
 */
export function setMetaText(text: Y.Text, next: string): void {
  const current = text.toString();
  if (current === next) return;
  let start = 0;
  const max = Math.min(current.length, next.length);
  while (start < max && current[start] === next[start]) start++;
  let end = 0;
  while (end < max - start && current[current.length - 1 - end] === next[next.length - 1 - end]) end++;
  // Never split a surrogate pair between what is kept and what is replaced.
  if (start > 0 && isHigh(current.charCodeAt(start - 1))) start--;
  if (end > 0 && isHigh(current.charCodeAt(current.length - end - 1))) end--;
  const removed = current.length - start - end;
  text.doc!.transact(() => {
    if (removed > 0) text.delete(start, removed);
    const inserted = next.slice(start, next.length - end);
    if (inserted) text.insert(start, inserted);
  });
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * The client that writes stored titles into documents: the same id, clock and content on every
 * instance, so two instances migrating one document at once write the same items once, not the title twice.
 */
const SEED_CLIENT = 1;

/** An update writing the title and summary into an empty document (a new episode's, or one from before they were shared). */
export function metaSeedUpdate(meta: { title: string; summary: string }): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = SEED_CLIENT;
  doc.transact(() => {
    if (meta.title) metaText(doc, "title").insert(0, meta.title);
    if (meta.summary) metaText(doc, "summary").insert(0, meta.summary);
  });
  return Y.encodeStateAsUpdate(doc);
}

/** Writes the stored title and summary into a document that never held them; does nothing otherwise. */
export function seedMeta(doc: Y.Doc, meta: { title: string; summary: string }): void {
  if (metaNeverWritten(doc)) Y.applyUpdate(doc, metaSeedUpdate(meta));
}

/** The title and summary a stored state holds, or null when it never held them. */
export function metaOfState(state: Uint8Array): { title: string; summary: string } | null {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const meta = metaNeverWritten(doc) ? null : readMeta(doc);
  doc.destroy();
  return meta;
}
