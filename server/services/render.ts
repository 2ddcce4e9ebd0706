// Publishing render: a body's Yjs state → Lexical (headless) → HTML → allowlist sanitiser.
import { withDOM } from "@lexical/headless/dom";
import { $generateHtmlFromNodes } from "@lexical/html";
import { $isLinkNode } from "@lexical/link";
import { $dfs } from "@lexical/utils";
import type { SerializedEditorState } from "lexical";
import sanitizeHtml from "sanitize-html";
import { editorFromState } from "../../collab/schema/documents.ts";
import { $isImageNode } from "../../collab/schema/nodes.ts";

/** Our own uploads: the only non-https images a body may show. */
const OWN_MEDIA = /^\/media\/[A-Za-z0-9._\-/]+$/;

function safeImageSrc(src: string | undefined): boolean {
  if (!src) return false;
  if (OWN_MEDIA.test(src) && !src.includes("..")) return true;
  try {
    return new URL(src).protocol === "https:";
  } catch {
    return false;
  }
}

function safeHref(href: string | undefined): boolean {
  if (!href) return false;
  try {
    return ["http:", "https:", "mailto:"].includes(new URL(href).protocol);
  } catch {
    return false;
  }
}

const options: sanitizeHtml.IOptions = {
  allowedTags: ["p", "h2", "h3", "h4", "strong", "em", "u", "s", "code", "a", "ul", "ol", "li", "blockquote", "img", "figure", "figcaption", "hr", "br", "table", "thead", "tbody", "tr", "th", "td"],
  allowedAttributes: { a: ["href", "rel"], img: ["src", "alt", "width", "height"], ol: ["start"], th: ["colspan", "rowspan", "scope"], td: ["colspan", "rowspan"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["https"] },
  allowProtocolRelative: false,
  // Lexical's wrappers (span, and b/i around strong/em) give way to their text; script and the like vanish with it.
  disallowedTagsMode: "discard",
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "iframe", "object", "embed", "template"],
  transformTags: {
    // Lexical writes headings h1–h6; a body lives under the page's h1, so keep them in h2–h4.
    h1: "h2",
    h5: "h4",
    h6: "h4",
    a: (tagName, attribs) => {
      const href = attribs.href?.trim();
      const safe: Record<string, string> = safeHref(href) ? { href: href!, rel: "noopener noreferrer nofollow" } : {};
      return { tagName, attribs: safe };
    },
    img: (tagName, attribs) => {
      const out: Record<string, string> = { src: attribs.src ?? "", alt: attribs.alt ?? "" };
      for (const k of ["width", "height"] as const) if (/^\d{1,5}$/.test(attribs[k] ?? "")) out[k] = attribs[k]!;
      return { tagName, attribs: out };
    },
  },
  exclusiveFilter: (frame) => frame.tag === "img" && !safeImageSrc(frame.attribs.src),
};

/** Sanitises HTML produced by the editor render (defence in depth, also against hand-made states). */
export function sanitizeBodyHtml(html: string): string {
  return sanitizeHtml(html, options);
}

/** Whether rendered HTML shows anything: some text, or an image. */
export function hasContent(html: string): boolean {
  return /<img\b/.test(html) || sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).trim() !== "";
}

/** Unwraps links and removes images that the sanitiser would refuse, so their text reads cleanly. */
function $dropUnsafe(): void {
  for (const node of $dfs().map((d) => d.node)) {
    if ($isLinkNode(node) && !safeHref(node.getURL().trim())) {
      for (const child of node.getChildren()) node.insertBefore(child);
      node.remove();
    } else if ($isImageNode(node) && !safeImageSrc(node.getSrc())) node.remove();
  }
}

export type RenderedBody = { html: string; json: SerializedEditorState };

/** Renders a body's stored Yjs state to sanitised HTML, with its Lexical JSON. */
export function renderBody(state: Uint8Array): RenderedBody {
  const editor = editorFromState(state);
  const json = editor.getEditorState().toJSON();
  editor.update($dropUnsafe, { discrete: true });
  const raw = withDOM(() => editor.getEditorState().read(() => $generateHtmlFromNodes(editor, null)));
  return { html: sanitizeBodyHtml(raw), json };
}
