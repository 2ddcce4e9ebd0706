// The stored body's fixed name and depth bound: what readers of a stored body need without loading the editor.

/** The Yjs shared type that holds a body: what CollaborationPlugin binds to (doc.get("root", Y.XmlText)). */
export const ROOT_NAME = "root";

/** Deepest element nesting kept below the root: far past any real list, far short of a stack overflow. */
export const MAX_DEPTH = 32;
