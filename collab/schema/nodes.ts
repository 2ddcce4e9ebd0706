// The one Lexical node registry of journal bodies, shared by the browser editor, the server render and collaboration.
import { HorizontalRuleNode } from "@lexical/extension";
import { LinkNode } from "@lexical/link";
import { ListItemNode, ListNode } from "@lexical/list";
import { HeadingNode, QuoteNode } from "@lexical/rich-text";
import { TableCellNode, TableNode, TableRowNode } from "@lexical/table";
import type { Klass, LexicalNode } from "lexical";
import { ImageNode } from "./image.ts";

export { $createHorizontalRuleNode, $isHorizontalRuleNode, HorizontalRuleNode } from "@lexical/extension";
export { $createImageNode, $isImageNode, ImageNode, type ImagePayload } from "./image.ts";

/** Every node type a body may hold, besides Lexical's built-ins (root, paragraph, text, linebreak, tab). */
export const editorNodes: ReadonlyArray<Klass<LexicalNode>> = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  LinkNode,
  HorizontalRuleNode,
  ImageNode,
  // Tables come in by pasting from a web page or a word processor.
  TableNode,
  TableRowNode,
  TableCellNode,
];

export { ROOT_NAME } from "./shape.ts";

export { episodeRoom } from "./rooms.ts";

/** The editor namespace: the same on every side, so serialized states match. */
export const EDITOR_NAMESPACE = "carnet";
