// The live title and summary of an episode: read from its shared document as collaborators type, written as the smallest edit.
import { type RefObject, useEffect, useState, useSyncExternalStore } from "react";
import type * as Y from "yjs";
import { type MetaField, metaText, setMetaText } from "../../../collab/schema/meta.ts";
import type { CollabLink } from "./collabLink.ts";

/** The episode's shared document, once the editor opened it. */
export function useSharedDoc(link: CollabLink): Y.Doc | null {
  return useSyncExternalStore(
    (fn) => link.subscribe(fn),
    () => link.doc,
  );
}

type Delta = { retain?: number; insert?: unknown; delete?: number }[];

/** Where a caret at `pos` moves when someone else's change (`delta`) lands before it. */
function shift(pos: number, delta: Delta): number {
  let index = 0;
  let moved = pos;
  for (const op of delta) {
    if (index >= pos) break;
    if (op.retain) index += op.retain;
    else if (op.insert !== undefined) moved += typeof op.insert === "string" ? op.insert.length : 1;
    else if (op.delete) {
      moved -= Math.min(op.delete, pos - index);
      index += op.delete;
    }
  }
  return Math.max(0, moved);
}

type Field = HTMLInputElement | HTMLTextAreaElement;

/**
 * One shared text as a controlled field's value and setter: `fallback` (the stored value) until the
 * document holds it. Another's change is written into the field at once, caret kept where it was in
 * the text: the next keystroke must be compared with what the document holds, not with a render to come.
 */
export function useSharedText(doc: Y.Doc | null, field: MetaField, fallback: string, input?: RefObject<Field | null>) {
  const [value, setValue] = useState(fallback);
  useEffect(() => {
    if (!doc) return;
    const text = metaText(doc, field);
    const read = () => {
      if (text._start !== null) setValue(text.toString());
    };
    const onChange = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      const el = input?.current;
      if (!transaction.local && el) {
        const delta = event.delta as Delta;
        const focused = document.activeElement === el;
        const caret = [shift(el.selectionStart ?? 0, delta), shift(el.selectionEnd ?? 0, delta)] as const;
        el.value = text.toString();
        if (focused) el.setSelectionRange(...caret);
      }
      read();
    };
    read();
    text.observe(onChange);
    return () => text.unobserve(onChange);
  }, [doc, field, input]);
  const change = (next: string) => {
    setValue(next);
    if (doc) setMetaText(metaText(doc, field), next);
  };
  return [value, change] as const;
}
