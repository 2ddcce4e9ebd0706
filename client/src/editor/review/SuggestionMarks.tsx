// The proposed texts drawn beside their struck-through passages, over the editor: the shared text itself never changes.
import { createPortal } from "react-dom";

/** A proposal to draw: its text, and where its passage ends, in pixels from the editor frame's corner. */
export type Mark = { id: string; replacement: string; left: number; top: number; width: number };

/** Narrowest room left for a proposed text before it moves back towards the start of the line. */
const MIN_WIDTH = 240;
/** On the editor frame while proposals are drawn: wider line spacing, so they sit between the lines, over no text. */
export const SPACED = "with-suggestions";

/** Where the proposed text of a passage shown by `range` goes in `frame`: under the passage's last line. */
export function markOf(id: string, replacement: string, range: Range, frame: HTMLElement): Mark | null {
  const rects = range.getClientRects();
  const last = rects[rects.length - 1];
  if (!last || replacement === "") return null;
  const box = frame.getBoundingClientRect();
  const left = Math.max(0, Math.min(last.left - box.left, box.width - MIN_WIDTH));
  // One line: a paragraph break of the proposal shows as a pilcrow.
  return { id, replacement: replacement.replace(/\n+/g, " ¶ "), left, top: last.bottom - box.top, width: box.width - left };
}

/*
 * Hidden from assistive technologies: the panel's entry says the same in words (« remplacer … par … ») and holds
 * the buttons; one line each (the panel has it whole), and clicks go through, so writing around a proposal stays possible.
 */
export function SuggestionMarks({ frame, marks }: { frame: HTMLElement | null; marks: Mark[] }) {
  if (!frame || marks.length === 0) return null;
  return createPortal(
    <div className="suggestion-marks" aria-hidden="true">
      {marks.map((m) => (
        <span key={m.id} className="suggestion-insert" data-thread={m.id} style={{ left: m.left, top: m.top, maxWidth: m.width }}>
          {m.replacement}
        </span>
      ))}
    </div>,
    frame,
  );
}
