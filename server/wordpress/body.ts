// A WordPress post's HTML (Gutenberg blocks or classic text) as the body of an episode, through the editor's own HTML import.
import { withDOM } from "@lexical/headless/dom";
import { $generateNodesFromDOM } from "@lexical/html";
import { $createParagraphNode, $getEditor, $getRoot, $isDecoratorNode, $isElementNode, type LexicalNode } from "lexical";
import type * as Y from "yjs";
import { changeDoc } from "../../collab/schema/documents.ts";

/** Where an image of the post now lives, or null when it could not be fetched (the image is left out). */
export type ImageFor = (src: string) => { src: string; width: number; height: number } | null;

const BLOCK_START = /^\s*<(p|h[1-6]|ul|ol|blockquote|figure|table|pre|div|hr|img)\b/i;

/**
 * WordPress stores classic posts without paragraphs (its wpautop adds them on display): blank lines
 * part paragraphs, single line ends are breaks. Gutenberg posts already hold their <p>s.
 */
export function autop(content: string): string {
  if (/<!--\s*wp:/.test(content)) return content;
  return content
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk !== "")
    .map((chunk) => (BLOCK_START.test(chunk) ? chunk : `<p>${chunk.replace(/\n/g, "<br>")}</p>`))
    .join("\n");
}

/** Points images at their stored copies (dropping those we do not have) before the editor reads them. */
function placeImages(document: Document, imageFor: ImageFor): void {
  for (const img of [...document.querySelectorAll("img")]) {
    const stored = imageFor(img.getAttribute("src") ?? "");
    if (!stored) {
      img.remove();
      continue;
    }
    for (const name of [...img.getAttributeNames()]) if (name !== "alt") img.removeAttribute(name);
    img.setAttribute("src", stored.src);
    img.setAttribute("width", String(stored.width));
    img.setAttribute("height", String(stored.height));
  }
}

/**
 * Gutenberg wraps a quote's lines in paragraphs, and some posts a list item's; the editor's quotes and
 * items hold text only (the sanitised read would drop nested blocks), so those paragraphs become lines.
 */
function flattenParagraphs(document: Document): void {
  for (const holder of [...document.querySelectorAll("blockquote, li")]) {
    const paragraphs = [...holder.querySelectorAll(":scope > p")];
    paragraphs.forEach((p, i) => {
      if (i > 0) p.before(document.createElement("br"));
      p.replaceWith(...p.childNodes);
    });
  }
}

/** Inline nodes the import leaves on the root go into paragraphs, as the editor's own paste does. */
function $blocks(nodes: LexicalNode[]): LexicalNode[] {
  const out: LexicalNode[] = [];
  let paragraph: ReturnType<typeof $createParagraphNode> | null = null;
  for (const node of nodes) {
    const block = ($isElementNode(node) || $isDecoratorNode(node)) && !node.isInline();
    if (block) {
      paragraph = null;
      out.push(node);
    } else {
      if (!paragraph) {
        paragraph = $createParagraphNode();
        out.push(paragraph);
      }
      paragraph.append(node);
    }
  }
  return out;
}

/**
 * Replaces the body held in `doc` with the post's content, as one collaborative change. Only what the
 * node registry knows is kept (scripts, styles, iframes and unknown tags give their text or nothing);
 * the body is read through the sanitised copy and rendered through the allowlist like any other.
 */
export function writeWordpressBody(doc: Y.Doc, content: string, imageFor: ImageFor): void {
  withDOM((window) => {
    const dom = new window.DOMParser().parseFromString(autop(content), "text/html");
    for (const node of [...dom.querySelectorAll("script, style, iframe, object, embed, template, noscript")]) node.remove();
    placeImages(dom, imageFor);
    flattenParagraphs(dom);
    changeDoc(doc, () => {
      const root = $getRoot();
      root.clear();
      root.append(...$blocks($generateNodesFromDOM($getEditor(), dom)));
      if (root.getChildrenSize() === 0) root.append($createParagraphNode());
    });
  });
}

/** The text of a little HTML (a title, a comment): entities decoded, paragraphs and breaks as line ends, tags gone. */
export function plainText(html: string): string {
  return withDOM((window) => {
    const marked = html.replace(/<br\s*\/?>/gi, "\n").replace(/<\/p>/gi, "\n\n");
    return new window.DOMParser().parseFromString(marked, "text/html").body.textContent ?? "";
  });
}
