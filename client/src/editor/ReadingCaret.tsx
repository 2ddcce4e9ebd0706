// A caret in read-only text: Tab reaches it, arrows move it, Shift+arrows select, and nothing can change the text.
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { useEffect } from "react";

/*
 * The text stays contenteditable=false (Lexical's read-only mode, aria-readonly for screen readers), so no key,
 * paste, drop or input method can touch it; the caret is the document selection, moved with Selection.modify,
 * and painted as a highlight of the character after it since the browser draws no caret outside editable text.
 */
const CARET = "reading-caret";

type Move = [alter: "move" | "extend", direction: "forward" | "backward", granularity: string];

function moveFor(e: KeyboardEvent): Move | null {
  if (e.altKey || e.metaKey) return null;
  const alter = e.shiftKey ? "extend" : "move";
  const word = e.ctrlKey ? "word" : "character";
  const edge = e.ctrlKey ? "documentboundary" : "lineboundary";
  switch (e.key) {
    case "ArrowRight":
      return [alter, "forward", word];
    case "ArrowLeft":
      return [alter, "backward", word];
    case "ArrowDown":
      return [alter, "forward", e.ctrlKey ? "paragraph" : "line"];
    case "ArrowUp":
      return [alter, "backward", e.ctrlKey ? "paragraph" : "line"];
    case "End":
      return [alter, "forward", edge];
    case "Home":
      return [alter, "backward", edge];
    default:
      return null;
  }
}

/** A one-character range at the caret, to paint it: the character after it, or before it at the end of a text. */
function caretRange(selection: Selection, root: HTMLElement): Range | null {
  if (selection.rangeCount === 0 || !selection.isCollapsed || !root.contains(selection.anchorNode)) return null;
  const node = selection.anchorNode;
  const offset = selection.anchorOffset;
  if (!(node instanceof Text) || node.length === 0) return null;
  const range = document.createRange();
  const start = offset < node.length ? offset : offset - 1;
  range.setStart(node, start);
  range.setEnd(node, start + 1);
  return range;
}

/** The first text in `root`, for a caret put there when the text gets the focus without one. */
function firstText(root: HTMLElement): Text | null {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  return walker.nextNode() as Text | null;
}

export function ReadingCaretPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const paint = () => {
      const root = editor.getRootElement();
      const selection = window.getSelection();
      const range = root && selection && document.activeElement === root ? caretRange(selection, root) : null;
      if (range) CSS.highlights.set(CARET, new Highlight(range));
      else CSS.highlights.delete(CARET);
    };
    const onKey = (e: KeyboardEvent) => {
      const move = moveFor(e);
      const selection = window.getSelection();
      if (!move || !selection) return;
      e.preventDefault();
      selection.modify(...move);
      // selectionchange comes a task later: paint now, so the caret never lags behind the key.
      paint();
    };
    const onFocus = (e: FocusEvent) => {
      const root = e.currentTarget as HTMLElement;
      const selection = window.getSelection();
      const text = firstText(root);
      if (selection && text && !(selection.rangeCount > 0 && root.contains(selection.anchorNode))) selection.collapse(text, 0);
      paint();
    };
    const unregister = editor.registerRootListener((root, previous) => {
      previous?.removeEventListener("keydown", onKey);
      previous?.removeEventListener("focus", onFocus);
      previous?.removeEventListener("blur", paint);
      root?.addEventListener("keydown", onKey);
      root?.addEventListener("focus", onFocus);
      root?.addEventListener("blur", paint);
    });
    document.addEventListener("selectionchange", paint);
    return () => {
      unregister();
      const root = editor.getRootElement();
      root?.removeEventListener("keydown", onKey);
      root?.removeEventListener("focus", onFocus);
      root?.removeEventListener("blur", paint);
      document.removeEventListener("selectionchange", paint);
      CSS.highlights.delete(CARET);
    };
  }, [editor]);
  return null;
}
