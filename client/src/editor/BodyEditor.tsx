// The collaborative body editor: Lexical bound to the episode's Yjs document over /collab/episode-<id>.
import { CollaborationPlugin } from "@lexical/react/LexicalCollaborationPlugin";
import { LexicalCollaboration } from "@lexical/react/LexicalCollaborationContext";
import { LexicalComposer } from "@lexical/react/LexicalComposer";
import { ContentEditable } from "@lexical/react/LexicalContentEditable";
import { LexicalErrorBoundary } from "@lexical/react/LexicalErrorBoundary";
import { LinkPlugin } from "@lexical/react/LexicalLinkPlugin";
import { ListPlugin } from "@lexical/react/LexicalListPlugin";
import { MarkdownShortcutPlugin } from "@lexical/react/LexicalMarkdownShortcutPlugin";
import { RichTextPlugin } from "@lexical/react/LexicalRichTextPlugin";
import { TablePlugin } from "@lexical/react/LexicalTablePlugin";
import type { EditorThemeClasses } from "lexical";
import { type ReactNode, useRef } from "react";
import { EDITOR_NAMESPACE, editorNodes, episodeRoom, ROOT_NAME } from "../../../collab/schema/nodes.ts";
import { useT } from "../i18n.tsx";
import type { CollabLink } from "./collabLink.ts";
import { isAllowedUrl } from "./LinkDialog.tsx";
import { SHORTCUTS } from "./markdownShortcuts.ts";
import { PastedImagesPlugin } from "./PastedImagesPlugin.tsx";
import { ReadingCaretPlugin } from "./ReadingCaret.tsx";
import { Toolbar } from "./Toolbar.tsx";

const theme: EditorThemeClasses = {
  paragraph: "ed-p",
  heading: { h2: "ed-h2", h3: "ed-h3" },
  quote: "ed-quote",
  list: { ul: "ed-ul", ol: "ed-ol", listitem: "ed-li", nested: { listitem: "ed-nested" } },
  link: "ed-link",
  text: { bold: "ed-bold", italic: "ed-italic", underline: "ed-underline" },
  // Class names instead of Lexical's inline white-on-colour label, whose contrast depends on the colour.
  collaboration: { cursor: "remote-caret", cursorName: "remote-name" },
};

// Only a first guess: the server replaces every collaborator's colour with the one it gives that user.
const COLORS = ["#1d4ed8", "#b91c1c", "#047857", "#6d28d9", "#9a3412", "#be185d", "#0e7490", "#4d7c0f"];

export function colorFor(seed: string): string {
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return COLORS[h % COLORS.length]!;
}

/** Black or white, whichever reads better on a "#rrggbb" background. */
export function inkOn(background: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(background);
  if (!m) return "#ffffff";
  const lin = (hex: string) => {
    const c = Number.parseInt(hex, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin(m[1]!) + 0.7152 * lin(m[2]!) + 0.0722 * lin(m[3]!);
  return (1.05 / (l + 0.05) >= (l + 0.05) / 0.05) ? "#ffffff" : "#000000";
}

type Props = {
  episodeId: string;
  link: CollabLink;
  user: { id: string; name: string };
  readOnly: boolean;
  /** Rendered between the toolbar and the text (e.g. presence), inside the composer. */
  children?: ReactNode;
};

export function BodyEditor({ episodeId, link, user, readOnly, children }: Props) {
  const t = useT();
  const cursors = useRef<HTMLDivElement>(null);
  const initialConfig = {
    namespace: EDITOR_NAMESPACE,
    nodes: [...editorNodes],
    theme,
    // The document comes from the server: the editor starts with nothing of its own.
    editorState: null,
    editable: !readOnly,
    onError(error: Error) {
      console.error(error);
    },
  };
  return (
    <LexicalCollaboration>
      <LexicalComposer initialConfig={initialConfig}>
        {!readOnly && <Toolbar episodeId={episodeId} />}
        {children}
        <div className="editor-frame">
          <RichTextPlugin
            contentEditable={
              <ContentEditable
                className="editor-content"
                aria-label={t("atelier.editor.content")}
                aria-multiline={true}
                tabIndex={readOnly ? 0 : undefined}
              />
            }
            ErrorBoundary={LexicalErrorBoundary}
          />
          <div ref={cursors} className="cursors" />
        </div>
        <ListPlugin />
        <TablePlugin hasCellMerge={false} hasCellBackgroundColor={false} hasTabHandler={false} />
        {!readOnly && <MarkdownShortcutPlugin transformers={SHORTCUTS} />}
        {!readOnly && <PastedImagesPlugin episodeId={episodeId} />}
        {readOnly && <ReadingCaretPlugin />}
        <LinkPlugin validateUrl={isAllowedUrl} attributes={{ rel: "noopener noreferrer" }} />
        <CollaborationPlugin
          id={episodeRoom(episodeId)}
          providerFactory={link.factory}
          shouldBootstrap={false}
          username={user.name}
          cursorColor={colorFor(user.id)}
          cursorsContainerRef={cursors}
          rootName={ROOT_NAME}
        />
      </LexicalComposer>
    </LexicalCollaboration>
  );
}
