// Accepting a suggestion after random concurrent edits by other editors: only the passage changes, once, and every document converges.
import assert from "node:assert/strict";
import { test } from "node:test";
import { $createRangeSelection, $getNodeByKey, $setSelection, type RangeSelection } from "lexical";
import * as Y from "yjs";
import { resolveAnchor } from "../../collab/review/anchors.ts";
import { $applySuggestion, $pointsOfText, type Point } from "../../collab/review/applySuggestion.ts";
import { seededRandom, testSeed } from "../helpers/seed.ts";
import { flush } from "../../collab/schema/documents.ts";
import { anchorOver, boundEditor, type Editor, flatText, type Piece, readable, sync, typedOffsets, write } from "./suggestionDocs.ts";

const CASES = 500;
const LOWER = "abcdefghijklmnopqrstuvwxyz";
// Digits appear nowhere else: the replacement is recognisable wherever it lands.
const REPLACEMENTS = ["", "0", "12 34", "5\n6", "789 0", "1\n\n2"];

test(`accepting a suggestion after ${CASES} random sets of concurrent edits changes the passage only, once`, () => {
  const seed = testSeed("suggestion accept");
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(list: ArrayLike<T>): T => list[int(list.length)]!;
  const word = () => Array.from({ length: 1 + int(5) }, () => pick(LOWER)).join("");
  const counts = { applied: 0, detached: 0, desynced: 0, unmirrored: 0, desyncedAfter: 0, concurrentInexact: 0, refused: 0 };

  const piece = (): Piece => {
    const roll = random();
    if (roll < 0.1) return { lineBreak: true };
    const text = `${word()} ${word()}`;
    if (roll < 0.2) return { text, link: true };
    return roll < 0.35 ? { text, format: pick(["bold", "italic"] as const) } : { text };
  };

  /** Runs `edit` with a selection from flat offset `a` to `b` of the editor's current text. */
  function select(editor: Editor, a: number, b: number, edit: (selection: RangeSelection) => void): void {
    try {
      update(editor, a, b, edit);
    } catch (err) {
      // Lexical itself refuses some deletions across links (an invariant of its carets): the person's edit did not happen.
      if (!(err instanceof Error && /invalid offset/.test(err.message))) throw err;
      counts.refused++;
      // The failed update left the headless editor's state half-made: reload it from its document, as a page reload would.
      const fresh = boundEditor();
      Y.applyUpdate(fresh.doc, Y.encodeStateAsUpdate(editor.doc));
      flush(fresh.editor);
      editor.dispose();
      Object.assign(editor, fresh);
    }
  }

  function update(editor: Editor, a: number, b: number, edit: (selection: RangeSelection) => void): void {
    editor.editor.update(
      () => {
        const { before } = $pointsOfText();
        const at = (o: number): Point => before[Math.max(0, Math.min(o, before.length - 1))]!;
        const selection = $createRangeSelection();
        const [start, end] = [at(a), at(b)];
        selection.anchor.set(start.key, start.offset, start.type);
        selection.focus.set(end.key, end.offset, end.type);
        $setSelection(selection);
        edit(selection);
        // A headless editor keeps its selection: left there, remote changes would have to move it.
        $setSelection(null);
      },
      { discrete: true },
    );
  }

  /** One random edit, placed inside, around, across or far from the passage, or over all of it. */
  function edit(editor: Editor, anchor: ReturnType<typeof anchorOver>): void {
    const length = flatText(editor).length;
    const found = resolveAnchor(editor.root, anchor);
    const [from, to] = found.state === "attached" ? [found.from, found.to] : [int(length), int(length)];
    const near = (o: number) => Math.max(0, Math.min(length - 1, o + int(7) - 3));
    const place = pick(["inside", "start", "end", "anywhere", "anywhere"] as const);
    const a = place === "inside" ? from + int(to - from + 1) : place === "start" ? near(from) : place === "end" ? near(to) : int(length);
    const roll = random();
    if (roll < 0.08) select(editor, Math.max(0, from - int(3)), to + int(3), (s) => s.removeText());
    else if (roll < 0.45) select(editor, a, a, (s) => s.insertText(word()));
    else if (roll < 0.8) select(editor, a, Math.min(length - 1, a + 1 + int(8)), (s) => s.removeText());
    else if (roll < 0.92) select(editor, a, a, (s) => s.insertParagraph());
    else select(editor, a, a, (s) => s.insertLineBreak());
  }

  /** The top-level paragraphs (their positions: keys differ from editor to editor) a flat range touches. */
  const blocksOf = (editor: Editor, from: number, to: number): Set<number> =>
    editor.editor.read(() => {
      const { before } = $pointsOfText();
      const blocks = new Set<number>();
      for (let o = from; o <= Math.min(to, before.length - 1); o++) {
        const top = $getNodeByKey(before[o]!.key)?.getTopLevelElement();
        if (top) blocks.add(top.getIndexWithinParent());
      }
      return blocks;
    });

  for (let n = 0; n < CASES; n++) {
    const label = `case ${n} (SEED=${seed})`;
    try {
      runCase(label);
    } catch (err) {
      if (err instanceof Error && !err.message.startsWith("case ")) err.message = `${label}: ${err.message}`;
      throw err;
    }
  }
  process.stderr.write(`suggestion accept: ${JSON.stringify(counts)}\n`);
  assert.ok(counts.applied > CASES / 4 && counts.detached > 0, `both outcomes exercised: ${JSON.stringify(counts)}`);

  function runCase(label: string): void {
    const editors = Array.from({ length: 2 + int(3) }, () => boundEditor());
    const [accepter, ...others] = editors as [Editor, ...Editor[]];
    write(
      accepter,
      // Each paragraph opens with text: a passage always has a character to start on.
      Array.from({ length: 2 + int(3) }, () => [{ text: word() }, ...Array.from({ length: int(4) }, piece)]),
    );
    for (const other of others) sync(accepter, other);
    // A passage as a person selects it: from a typed character to a typed character, perhaps across paragraphs.
    const typed = typedOffsets(accepter.root);
    const i = int(typed.length);
    const j = Math.min(typed.length - 1, i + int(random() < 0.8 ? 12 : typed.length));
    const anchor = anchorOver(accepter.root, typed[i]!, typed[j]! + 1);
    const replacement = pick(REPLACEMENTS);

    // Concurrent edits, heard by some of the others in a random order; then the accepter hears them all.
    for (let round = 0; round < 1 + int(3); round++) {
      for (const other of others) for (let k = 0; k < int(3); k++) edit(other, anchor);
      for (let s = 0; s < int(editors.length * 2); s++) sync(pick(others), pick(others));
    }
    for (const other of shuffled(others)) sync(other, accepter);
    converge(editors);

    // @lexical/yjs sometimes leaves an editor showing other text than its document after concurrent
    // normalisations (a known limit of the binding): applying then refuses ("invalid") rather than guess.
    const inSync = shows(accepter);
    const before = readable(accepter.root);
    const found = resolveAnchor(accepter.root, anchor);
    const touched = found.state === "attached" ? blocksOf(accepter, found.from, found.to) : new Set<number>();
    let result = "";
    accepter.editor.update(
      () => {
        result = $applySuggestion(accepter.root, anchor, replacement);
        $setSelection(null);
      },
      { discrete: true },
    );
    // Meanwhile the others keep writing, far from the passage: in paragraphs it does not touch.
    const sideEdits = others.map((other) => {
      const paragraphs = otherParagraphs(other, touched);
      if (paragraphs.length === 0 || random() < 0.3) return null;
      const [start, end] = pick(paragraphs);
      const a = start + int(end - start + 1);
      const text = word();
      if (random() < 0.6) select(other, a, a, (s) => s.insertText(text));
      else select(other, a, Math.min(end, a + 1 + int(4)), (s) => s.removeText());
      return other;
    });

    if (found.state === "attached" && !inSync) {
      assert.equal(result, "invalid", `${label}: applied on an editor that does not show its document`);
      assert.equal(readable(accepter.root).text, before.text, `${label}: a refused suggestion changed the text`);
      counts.desynced++;
    } else if (found.state !== "attached") {
      assert.equal(result, "detached", `${label}: ${found.state}`);
      assert.equal(readable(accepter.root).text, before.text, `${label}: a detached suggestion changed the text`);
      counts.detached++;
    } else {
      assert.equal(result, "applied", label);
      const expected = before.text.slice(0, before.at(found.from)) + replacement + before.text.slice(before.at(found.to));
      if (readable(accepter.root).text !== expected && !shows(accepter)) {
        // The editor made the right edit but @lexical/yjs did not mirror all of it into the document.
        counts.unmirrored++;
        result = "unmirrored";
      } else {
        assert.equal(readable(accepter.root).text, expected, `${label}: replaced ${JSON.stringify(found.text)}`);
        counts.applied++;
      }
    }

    // Every document hears everything, in a random order, and all end the same, with the replacement once.
    const merged = boundEditor();
    for (const other of others) sync(other, merged);
    const mergedBefore = readable(merged.root);
    const mergedFound = resolveAnchor(merged.root, anchor);
    for (let s = 0; s < editors.length * 3; s++) sync(pick(editors), pick(editors));
    converge(editors);
    const texts = editors.map((e) => readable(e.root).text);
    assert.ok(
      texts.every((t) => t === texts[0]),
      `${label}: documents diverge ${JSON.stringify(texts)}`,
    );
    if (result === "applied" && mergedFound.state === "attached" && editors.every(shows)) {
      const expected =
        mergedBefore.text.slice(0, mergedBefore.at(mergedFound.from)) + replacement + mergedBefore.text.slice(mergedBefore.at(mergedFound.to));
      // Edits made while the accepter merged paragraphs can be lost by @lexical/yjs (it moves nodes by deleting
      // and re-inserting them): measured, not asserted; without them the result must be exact.
      if (!sideEdits.some(Boolean)) assert.equal(texts[0], expected, `${label}: after syncing`);
      else if (texts[0] !== expected) counts.concurrentInexact++;
    }
    if (!editors.every(shows)) counts.desyncedAfter++;
    else if (result !== "unmirrored")
      assert.equal(texts[0]!.replace(/[^0-9]/g, ""), result === "applied" ? replacement.replace(/[^0-9]/g, "") : "", `${label}: replacement not once`);
    for (const e of [...editors, merged]) e.dispose();
  }

  function shuffled<T>(list: T[]): T[] {
    const out = [...list];
    for (let k = out.length - 1; k > 0; k--) {
      const r = int(k + 1);
      [out[k], out[r]] = [out[r]!, out[k]!];
    }
    return out;
  }
});

/** Whether the editor shows its document as it is (see the note on @lexical/yjs in the test). */
const shows = (editor: Editor): boolean => editor.editor.read(() => $pointsOfText().text) === flatText(editor);

/** Everyone hears everyone until nobody has anything new: a binding may write back what it normalised on hearing. */
function converge(editors: Editor[]): void {
  // A write-back may only delete, which leaves the state vector as it was: compare the texts too.
  const states = () => editors.map((e) => Buffer.from(Y.encodeStateVector(e.doc)).toString("base64") + flatText(e));
  for (let pass = 0; pass < 10; pass++) {
    for (const a of editors) for (const b of editors) if (a !== b) sync(a, b);
    if (new Set(states()).size === 1) return;
  }
}

/** Flat ranges [start, end] of the typed text of each paragraph not among `touched` (positions), in the editor's view. */
function otherParagraphs(editor: Editor, touched: Set<number>): [number, number][] {
  return editor.editor.read(() => {
    const { before } = $pointsOfText();
    const ranges = new Map<number, [number, number]>();
    before.forEach((point, o) => {
      const top = $getNodeByKey(point.key)?.getTopLevelElement()?.getIndexWithinParent();
      if (top === undefined || touched.has(top) || point.type !== "text") return;
      const range = ranges.get(top);
      ranges.set(top, range ? [range[0], o] : [o, o]);
    });
    return [...ranges.values()];
  });
}
