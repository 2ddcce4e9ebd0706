// The toolbar's icons as inline SVG drawn in currentColor: no font glyph that a system may lack, no image request.
import type { ReactNode } from "react";

export type IconName = "bold" | "italic" | "underline" | "link" | "bulletList" | "numberList" | "quote" | "image" | "undo" | "redo";

const SHAPES: Record<IconName, ReactNode> = {
  bold: <path d="M7 5h6a3.5 3.5 0 0 1 0 7H7zM7 12h7a3.5 3.5 0 0 1 0 7H7z" strokeWidth="2.6" />,
  italic: <path d="M10 5h8M6 19h8M14.5 5l-5 14" />,
  underline: <path d="M7 4v7a5 5 0 0 0 10 0V4M5 20h14" />,
  link: <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />,
  bulletList: (
    <>
      <path d="M10 6h10M10 12h10M10 18h10" />
      <circle cx="5" cy="6" r="1.3" fill="currentColor" />
      <circle cx="5" cy="12" r="1.3" fill="currentColor" />
      <circle cx="5" cy="18" r="1.3" fill="currentColor" />
    </>
  ),
  numberList: <path d="M11 6h9M11 12h9M11 18h9M4 4.5 5.5 4v5M4 14a1.3 1.3 0 1 1 2.2 1L4 17.5h2.6" strokeWidth="1.7" />,
  quote: <path d="M5 17c2.5 0 4-1.5 4-4.5V7H5v5.5h4M14 17c2.5 0 4-1.5 4-4.5V7h-4v5.5h4" />,
  image: (
    <>
      <rect x="3.5" y="5" width="17" height="14" rx="1.5" />
      <circle cx="9" cy="10" r="1.6" />
      <path d="m4 17 5-5 4 4 2.5-2.5L20 18" />
    </>
  ),
  undo: <path d="M9 14 4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />,
  redo: <path d="m15 14 5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />,
};

/** Decorative: the button around it carries the accessible name. */
export function Icon({ name }: { name: IconName }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 24 24"
      width="20"
      height="20"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {SHAPES[name]}
    </svg>
  );
}
