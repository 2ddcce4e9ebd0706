// An accepted proposal applied as this editor's own collaborative edit: relayed through Yjs, one step of its undo history.
import type { LexicalEditor } from "lexical";
import type * as Y from "yjs";
import type { Anchor } from "../../../../collab/review/anchors.ts";
import { $applySuggestion } from "../../../../collab/review/applySuggestion.ts";

export type Applied = ReturnType<typeof $applySuggestion>;

/** Where @lexical/react's CollaborationPlugin publishes the editor's Yjs undo manager. */
const UNDO_MANAGER = Symbol.for("@lexical/yjs/UndoManager");

function applyOnce(editor: LexicalEditor, root: Y.XmlText, anchor: Anchor, replacement: string): Applied {
  const undo = (editor as unknown as Record<symbol, Y.UndoManager | undefined>)[UNDO_MANAGER];
  // Its own undo step: neither merged with what the editor typed just before, nor with what they type next.
  undo?.stopCapturing();
  let result: Applied = "invalid";
  editor.update(
    () => {
      result = $applySuggestion(root, anchor, replacement);
    },
    { discrete: true },
  );
  undo?.stopCapturing();
  return result;
}

/** "invalid" may only mean the editor has not shown a remote change yet: tried again on the next frames. */
export async function applyInEditor(editor: LexicalEditor, root: Y.XmlText, anchor: Anchor, replacement: string): Promise<Applied> {
  let result = applyOnce(editor, root, anchor, replacement);
  for (let attempt = 0; attempt < 3 && result === "invalid"; attempt++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    result = applyOnce(editor, root, anchor, replacement);
  }
  return result;
}
