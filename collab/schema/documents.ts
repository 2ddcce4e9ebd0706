// Lexical documents held in Yjs, on a headless editor: create, read and change them through @lexical/yjs.
import { createHeadlessEditor } from "@lexical/headless";
import {
  type Binding,
  createYjsBinding,
  type Provider,
  syncLexicalUpdateToYjs,
  syncYjsChangesToLexical,
} from "@lexical/yjs";
import {
  $createParagraphNode,
  $getRoot,
  $parseSerializedNode,
  type LexicalEditor,
  type SerializedEditorState,
  type SerializedLexicalNode,
  SKIP_COLLAB_TAG,
} from "lexical";
import * as Y from "yjs";
import { EDITOR_NAMESPACE, editorNodes, ROOT_NAME } from "./nodes.ts";
import { type BodyShapes, bodyShapes, copySanitizedBody } from "./sanitize.ts";
import { htmlExport } from "./tableExport.ts";

/** A provider with no awareness: the server has no cursor to share. */
const silentProvider = {
  awareness: {
    getLocalState: () => null,
    getStates: () => new Map(),
    on: () => {},
    off: () => {},
    setLocalState: () => {},
    setLocalStateField: () => {},
  },
  connect: () => {},
  disconnect: () => {},
  on: () => {},
  off: () => {},
} as unknown as Provider;

/** A headless editor with the shared node registry; errors surface instead of being logged. */
export function createSchemaEditor(): LexicalEditor {
  return createHeadlessEditor({
    namespace: EDITOR_NAMESPACE,
    nodes: [...editorNodes],
    html: { export: htmlExport },
    onError: (error) => {
      throw error;
    },
  });
}

export type Bound = { editor: LexicalEditor; binding: Binding; dispose(): void };

/** Binds a fresh editor to a doc both ways, as CollaborationPlugin does in the browser. */
export function bind(doc: Y.Doc): Bound {
  const editor = createSchemaEditor();
  const binding = createYjsBinding({ editor, id: "server", doc, docMap: new Map([["server", doc]]), rootName: ROOT_NAME });
  const shared = binding.root.getSharedType();
  const onYjs = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
    if (transaction.origin !== binding)
      syncYjsChangesToLexical(binding, silentProvider, events as never, false);
  };
  shared.observeDeep(onYjs);
  const stop = editor.registerUpdateListener(
    ({ prevEditorState, editorState, dirtyLeaves, dirtyElements, normalizedNodes, tags }) => {
      if (!tags.has(SKIP_COLLAB_TAG))
        syncLexicalUpdateToYjs(
          binding,
          silentProvider,
          prevEditorState,
          editorState,
          dirtyElements,
          dirtyLeaves,
          normalizedNodes,
          tags,
        );
    },
  );
  return {
    editor,
    binding,
    dispose() {
      shared.unobserveDeep(onYjs);
      stop();
    },
  };
}

/** Commits whatever Yjs events queued on the editor, synchronously. */
export const flush = (editor: LexicalEditor) => editor.update(() => {}, { discrete: true });

/** The registry's node shapes, read once from a headless editor. */
let shapes: BodyShapes | undefined;
export const registryShapes = (): BodyShapes => (shapes ??= bodyShapes(createSchemaEditor()));

/**
 * An editor holding the content of a Yjs state (an update as stored), read through the binding.
 * Only a sanitised copy is read (see sanitize.ts), so whatever a client wrote cannot break the read.
 */
export function editorFromState(state: Uint8Array): LexicalEditor {
  const source = new Y.Doc();
  Y.applyUpdate(source, state);
  const doc = new Y.Doc();
  const bound = bind(doc);
  doc.transact(() => copySanitizedBody(source.get(ROOT_NAME, Y.XmlText), doc.get(ROOT_NAME, Y.XmlText), registryShapes()));
  flush(bound.editor);
  bound.dispose();
  return bound.editor;
}

/** The Lexical JSON of a Yjs state. */
export function jsonFromState(state: Uint8Array): SerializedEditorState {
  return editorFromState(state).getEditorState().toJSON();
}

/**
 * Runs a Lexical update against a doc as one real collaborative change: the editor reads the doc,
 * `$change` edits it, and only the resulting Yjs delta (from a fresh client id) is applied to `doc`.
 */
export function changeDoc(doc: Y.Doc, $change: () => void): void {
  const work = new Y.Doc();
  const bound = bind(work);
  Y.applyUpdate(work, Y.encodeStateAsUpdate(doc));
  flush(bound.editor);
  bound.editor.update($change, { discrete: true });
  bound.dispose();
  const delta = Y.encodeStateAsUpdate(work, Y.encodeStateVector(doc));
  Y.applyUpdate(doc, delta);
}

/** Replaces the whole body with these serialized root children (restore, seed). */
export function $replaceBody(children: SerializedLexicalNode[]): void {
  const root = $getRoot();
  root.clear();
  for (const child of children) root.append($parseSerializedNode(child) as never);
  if (root.getChildrenSize() === 0) root.append($createParagraphNode());
}

/** The first update of a new body: a root with one empty paragraph, encoded by the binding. */
export function initialDocUpdate(): Uint8Array {
  const doc = new Y.Doc();
  changeDoc(doc, () => {
    $getRoot().append($createParagraphNode());
  });
  return Y.encodeStateAsUpdate(doc);
}
