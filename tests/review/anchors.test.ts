// Passage anchors under random concurrent edits by several documents: never outside the text, exactly the passage while it lives.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as Y from "yjs";
import { anchorIn, flatten, resolveAnchor } from "../../collab/review/anchors.ts";
import { seededRandom, testSeed } from "../helpers/seed.ts";

const CASES = 1_000;
const DOCS = 3;
const LOWER = "abcdefghijklmnopqrstuvwxyz ";

/**
 * The passage as Yjs defines it, read another way than the resolver does: the living characters from the
 * start's character to the end's, walking the paragraph's items; null when none is left.
 */
function expected(doc: Y.Doc, anchor: ReturnType<typeof anchorIn>): string | null {
  const id = (encoded: string) => Y.decodeRelativePosition(Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0))).item!;
  const [start, end] = [id(anchor.start), id(anchor.end)];
  const holds = (item: Y.Item, at: Y.ID) => item.id.client === at.client && item.id.clock <= at.clock && at.clock < item.id.clock + item.length;
  const first = doc.store.clients.get(start.client)?.find((s) => s instanceof Y.Item && holds(s, start));
  let item = first instanceof Y.Item ? first : null;
  if (!item || (item.parent as Y.XmlText)._item?.deleted) return null;
  let text = "";
  let offset = start.clock - item.id.clock;
  for (; item; item = item.right, offset = 0) {
    const last = holds(item, end) ? end.clock - item.id.clock : item.length - 1;
    if (!item.deleted && item.content instanceof Y.ContentString) text += item.content.str.slice(offset, last + 1);
    if (holds(item, end)) break;
  }
  return text === "" ? null : text;
}

const rootOf = (doc: Y.Doc) => doc.get("root", Y.XmlText);

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

function check(doc: Y.Doc, anchor: ReturnType<typeof anchorIn>, label: string): void {
  const flat = flatten(rootOf(doc));
  const resolved = resolveAnchor(rootOf(doc), anchor, flat);
  assert.notEqual(resolved.state, "invalid", `${label}: anchor unresolvable`);
  const want = expected(doc, anchor);
  if (resolved.state === "attached") {
    assert.ok(resolved.from >= 0 && resolved.to <= flat.text.length, `${label}: outside the document`);
    assert.equal(resolved.text, want, `${label}: covers ${JSON.stringify(resolved.text)} in ${JSON.stringify(flat.text)}`);
    // The passage's own characters (upper case) never fall outside what the anchor covers.
    assert.equal(flat.text.replace(/[^A-Z]/g, ""), resolved.text.replace(/[^A-Z]/g, ""), `${label}: a passage character escaped`);
  } else assert.equal(want, null, `${label}: detached while ${JSON.stringify(want)} survives`);
}

test(`anchors follow ${CASES} random sequences of concurrent edits`, () => {
  const seed = testSeed("review anchors");
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const word = () => Array.from({ length: 1 + int(4) }, () => LOWER[int(LOWER.length)]).join("");

  for (let n = 0; n < CASES; n++) {
    const base = new Y.Doc();
    const root = rootOf(base);
    const paragraphs = 1 + int(3);
    const target = int(paragraphs);
    let anchored: Y.XmlText | null = null;
    let start = 0;
    let end = 0;
    for (let p = 0; p < paragraphs; p++) {
      const para = new Y.XmlText();
      root.insertEmbed(p, para);
      // Lexical keeps each text node's properties as an embedded map before its text.
      para.insertEmbed(0, new Y.Map());
      const before = word();
      const passage = p === target ? "ABCDEFGHIJ".slice(0, 1 + int(10)) : "";
      para.insert(1, before + passage + word());
      if (p === target) {
        anchored = para;
        start = 1 + before.length;
        end = start + passage.length;
      }
    }
    const anchor = anchorIn(anchored!, start, anchored!, end, "");
    const docs = Array.from({ length: DOCS }, () => {
      const d = new Y.Doc();
      sync(base, d);
      return d;
    });
    for (let round = 0; round < 1 + int(4); round++) {
      for (const doc of docs) {
        for (let k = 0; k < 1 + int(3); k++) edit(doc);
        check(doc, anchor, `case ${n} round ${round}`);
      }
      // Some documents hear some others before the next round.
      for (let s = 0; s < int(DOCS * 2); s++) sync(docs[int(DOCS)]!, docs[int(DOCS)]!);
    }
    for (const a of docs) for (const b of docs) if (a !== b) sync(a, b);
    const texts = docs.map((d) => flatten(rootOf(d)).text);
    assert.ok(texts.every((t) => t === texts[0]), `case ${n}: documents diverge`);
    for (const doc of docs) check(doc, anchor, `case ${n} converged`);
  }

  function edit(doc: Y.Doc): void {
    const root = rootOf(doc);
    const paras = (root.toDelta() as { insert: unknown }[]).map((op) => op.insert).filter((x): x is Y.XmlText => x instanceof Y.XmlText);
    const roll = random();
    if (paras.length === 0 || roll < 0.05) {
      const para = new Y.XmlText();
      root.insertEmbed(int(root.length + 1), para);
      para.insert(0, word());
      return;
    }
    if (roll < 0.1) {
      root.delete(int(root.length), 1);
      return;
    }
    const para = paras[int(paras.length)]!;
    if (roll < 0.6 || para.length === 0) para.insert(int(para.length + 1), word());
    else {
      const at = int(para.length);
      para.delete(at, Math.min(1 + int(6), para.length - at));
    }
  }
});

test("a document nested 20,000 levels deep is read without exhausting the stack, its passages still found", () => {
  const doc = new Y.Doc();
  const root = doc.get("root", Y.XmlText);
  let inner = root;
  doc.transact(() => {
    for (let depth = 0; depth < 20_000; depth++) {
      const child = new Y.XmlText();
      inner.insertEmbed(inner.length, child);
      inner = child;
    }
    inner.insert(0, "tout au fond");
  });
  const flat = flatten(root);
  assert.equal(flat.text.trim(), "tout au fond");
  const anchor = anchorIn(inner, 5, inner, 12, "au fond");
  assert.deepEqual(resolveAnchor(root, anchor, flat), { state: "attached", from: 5, to: 12, text: "au fond" });
});
