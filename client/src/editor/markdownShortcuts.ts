// The Markdown shortcuts the editor understands, from @lexical/markdown, limited to the node types of a body (no h1: "#" makes a section title).
import {
  BOLD_STAR,
  type ElementTransformer,
  ITALIC_UNDERSCORE,
  ORDERED_LIST,
  QUOTE,
  type Transformer,
  UNORDERED_LIST,
} from "@lexical/markdown";
import { $createHeadingNode, $isHeadingNode, HeadingNode } from "@lexical/rich-text";

/** "# " → section title (h2), "## " → sub-title (h3): the episode title is the page's only h1. */
const HEADING: ElementTransformer = {
  dependencies: [HeadingNode],
  export: (node, children) => ($isHeadingNode(node) ? `${node.getTag() === "h3" ? "##" : "#"} ${children(node)}` : null),
  regExp: /^(#{1,2})\s/,
  replace: (parent, children, match, isImport) => {
    const heading = $createHeadingNode(match[1] === "##" ? "h3" : "h2");
    heading.append(...children);
    parent.replace(heading);
    if (!isImport) heading.select(0, 0);
  },
  type: "element",
};

export const SHORTCUTS: Transformer[] = [HEADING, QUOTE, UNORDERED_LIST, ORDERED_LIST, BOLD_STAR, ITALIC_UNDERSCORE];
