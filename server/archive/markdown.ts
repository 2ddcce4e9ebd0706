// An episode body as Markdown: its Yjs state through the same headless editor as the publishing render.
import { $convertToMarkdownString, TRANSFORMERS } from "@lexical/markdown";
import { editorFromState } from "../../collab/schema/documents.ts";

export function bodyMarkdown(state: Uint8Array): string {
  const editor = editorFromState(state);
  return editor.getEditorState().read(() => $convertToMarkdownString(TRANSFORMERS));
}
