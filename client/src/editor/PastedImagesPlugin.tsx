// Pasted images never stay hot-linked: each is copied into Carnet's media when the browser may read it, otherwise replaced by a visible request for the file.
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { $createParagraphNode, $createTextNode, $getNodeByKey, $isRootOrShadowRoot, COLLABORATION_TAG, HISTORIC_TAG, type NodeKey } from "lexical";
import { useEffect } from "react";
import { $createImageNode, $isImageNode, ImageNode } from "../../../collab/schema/nodes.ts";
import { uploadFile } from "../api.ts";
import { useT } from "../i18n.tsx";
import type { UploadedImage } from "./ImageDialog.tsx";

const OWN_MEDIA = /^\/media\//;

/** The image's bytes: decoded from a data: address, or fetched (the atelier's CSP only lets it read its own origin). */
async function readImage(src: string): Promise<Blob> {
  const data = /^data:(image\/[a-z+.-]+);base64,(.*)$/is.exec(src);
  if (data) return new Blob([Uint8Array.from(atob(data[2]!), (c) => c.charCodeAt(0))], { type: data[1]!.toLowerCase() });
  const response = await fetch(src, { credentials: "omit" });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return await response.blob();
}

export function PastedImagesPlugin({ episodeId }: { episodeId: string }) {
  const [editor] = useLexicalComposerContext();
  const t = useT();
  useEffect(() => {
    const adopt = async (key: NodeKey, src: string, alt: string) => {
      try {
        const { image } = await uploadFile<{ image: UploadedImage }>(`/episodes/${encodeURIComponent(episodeId)}/images`, await readImage(src));
        editor.update(() => {
          const node = $getNodeByKey(key);
          if ($isImageNode(node))
            node.replace($createImageNode({ src: image.src, alt: node.getAlt(), width: image.width, height: image.height, caption: node.getCaption() }));
        });
      } catch {
        editor.update(() => {
          const node = $getNodeByKey(key);
          const text = t("atelier.paste.imageMissing", { alt: alt || t("atelier.paste.noAlt"), src: src.startsWith("data:") ? "" : src });
          if (!$isImageNode(node)) return;
          const request = $createTextNode(text).toggleFormat("bold");
          // An image pasted inside a paragraph (<p><img></p>) gives way to text in that paragraph, never to a paragraph in a paragraph.
          node.replace($isRootOrShadowRoot(node.getParent()) ? $createParagraphNode().append(request) : request);
        });
      }
    };
    return editor.registerMutationListener(
      ImageNode,
      (mutations, { updateTags }) => {
        // Images other people inserted, or brought back by undo, were handled where they came in.
        if (updateTags.has(COLLABORATION_TAG) || updateTags.has(HISTORIC_TAG)) return;
        for (const [key, mutation] of mutations) {
          if (mutation !== "created") continue;
          const found = editor.getEditorState().read(() => {
            const node = $getNodeByKey(key);
            return $isImageNode(node) ? { src: node.getSrc(), alt: node.getAlt() } : null;
          });
          if (found && !OWN_MEDIA.test(found.src)) void adopt(key, found.src, found.alt);
        }
      },
      { skipInitialization: true },
    );
  }, [editor, episodeId, t]);
  return null;
}
