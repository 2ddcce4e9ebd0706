// How a table leaves the headless editor as HTML: Lexical's own export, minus a step the server's DOM (happy-dom) gets wrong.
import { TableNode } from "@lexical/table";
import type { DOMExportOutputMap } from "lexical";

/**
 * TableNode's `after` fixes the <table> in place and returns it; Lexical then calls
 * `element.replaceWith(element)`, which happy-dom treats as a removal, so tables vanished from the
 * render. Returning null keeps the element, already fixed.
 */
export const htmlExport: DOMExportOutputMap = new Map([
  [
    TableNode,
    (editor, node) => {
      const output = node.exportDOM(editor);
      const after = output.after;
      if (!after) return output;
      return {
        ...output,
        after: (element) => {
          const result = after.call(node, element);
          return result === element ? null : result;
        },
      };
    },
  ],
]);
