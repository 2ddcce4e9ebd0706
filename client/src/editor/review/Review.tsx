// Review in the text: "Commenter" on a selection, highlights for open threads, the thread panel, polite announcements.
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import * as Y from "yjs";
import { type Anchor, flatten, resolveAnchor } from "../../../../collab/review/anchors.ts";
import { ROOT_NAME } from "../../../../collab/schema/nodes.ts";
import { useT } from "../../i18n.tsx";
import { AreaField } from "../../ui/Field.tsx";
import { ErrorMessage } from "../../ui/Page.tsx";
import { errorText } from "../../ui/errors.ts";
import type { CollabLink } from "../collabLink.ts";
import { anchorOfSelection, rangeOfAnchor } from "./anchorDom.ts";
import { type Placed, REVIEW_TITLE_ID, ReviewPanel, threadDomId } from "./ReviewPanel.tsx";
import { listReviews, openThread, type ReviewList } from "./reviews.ts";

const HIGHLIGHT = "review";

/** Ctrl+Alt+M (⌘⌥M): comment the selection, or open the thread under the caret. */
const isShortcut = (e: KeyboardEvent | React.KeyboardEvent) => (e.ctrlKey || e.metaKey) && e.altKey && e.code === "KeyM";

type Props = { episodeId: string; link: CollabLink; userId: string; panel: HTMLElement | null };

export function Review({ episodeId, link, userId, panel }: Props) {
  const t = useT();
  const [editor] = useLexicalComposerContext();
  const [list, setList] = useState<ReviewList | null>(null);
  const [placed, setPlaced] = useState<Placed[]>([]);
  const [draft, setDraft] = useState<Anchor | null>(null);
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const [announce, setAnnounce] = useState("");
  const seen = useRef<Set<string> | null>(null);
  const ranges = useRef<{ id: string; range: Range }[]>([]);

  const load = useCallback(
    () =>
    listReviews(episodeId).then(
      (loaded) => {
        const ids = loaded.threads.flatMap((th) => [th, ...th.replies]);
        // The first list is what was there; later ones announce what others just wrote, and what was deleted.
        if (seen.current) {
          const fresh = ids.filter((c) => !seen.current!.has(c.id) && c.author.id !== userId);
          const left = new Set(ids.map((c) => c.id));
          if (fresh.length > 0) setAnnounce(t("atelier.reviews.announce", { name: fresh.at(-1)!.author.name }));
          else if ([...seen.current].some((id) => !left.has(id))) setAnnounce(t("atelier.reviews.deleted"));
        }
        seen.current = new Set(ids.map((c) => c.id));
        setList(loaded);
      },
      () => {},
    ),
    [episodeId, userId, t],
  );

  useEffect(() => {
    void load();
    return link.onReview(() => void load());
  }, [link, load]);

  // Where each thread's passage is now, and the highlights of the open ones; again on every change of the text.
  useEffect(() => {
    if (!list) return;
    const place = () => {
      const doc = link.provider?.doc;
      if (!doc) return;
      const root = doc.get(ROOT_NAME, Y.XmlText);
      const flat = flatten(root);
      const next = list.threads.map((thread) => {
        const resolved = thread.anchor ? resolveAnchor(root, thread.anchor, flat) : null;
        return { thread, at: resolved?.state === "attached" ? resolved.from : null };
      });
      next.sort((a, b) => (a.at ?? Number.POSITIVE_INFINITY) - (b.at ?? Number.POSITIVE_INFINITY));
      setPlaced(next);
      ranges.current = next.flatMap(({ thread, at }) => {
        const range = at !== null && !thread.resolved && thread.anchor ? rangeOfAnchor(editor, root, thread.anchor) : null;
        return range ? [{ id: thread.id, range }] : [];
      });
      if ("highlights" in CSS) CSS.highlights.set(HIGHLIGHT, new Highlight(...ranges.current.map((r) => r.range)));
    };
    place();
    return editor.registerUpdateListener(() => place());
  }, [list, editor, link]);
  useEffect(() => () => void ("highlights" in CSS && CSS.highlights.delete(HIGHLIGHT)), []);

  const startComment = useCallback(() => {
    const root = link.provider?.doc.get(ROOT_NAME, Y.XmlText);
    const anchor = root ? anchorOfSelection(editor, root) : null;
    setError(anchor ? "" : t("atelier.reviews.selectFirst"));
    setDraft(anchor);
    if (anchor) requestAnimationFrame(() => document.getElementById("review-new-body")?.focus());
  }, [editor, link, t]);

  /** The thread whose highlighted passage holds the caret, opened in the panel. */
  const openAtCaret = useCallback(() => {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0) return false;
    const caret = selection.getRangeAt(0);
    const hit = ranges.current.find(({ range }) => range.comparePoint(caret.startContainer, caret.startOffset) === 0);
    if (hit) document.getElementById(threadDomId(hit.id))?.focus();
    return hit !== undefined;
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isShortcut(e)) return;
      e.preventDefault();
      if (!window.getSelection()?.isCollapsed) startComment();
      else if (!openAtCaret()) setError(t("atelier.reviews.selectFirst"));
    };
    const unregister = editor.registerRootListener((root, previous) => {
      previous?.removeEventListener("keydown", onKey);
      root?.addEventListener("keydown", onKey);
    });
    return () => {
      unregister();
      editor.getRootElement()?.removeEventListener("keydown", onKey);
    };
  }, [editor, startComment, openAtCaret, t]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    setBusy(true);
    try {
      await openThread(episodeId, body, draft);
      setDraft(null);
      setBody("");
      setError("");
      await load();
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  if (!list) return null;
  const content = (
    <section className="review-panel" aria-labelledby={REVIEW_TITLE_ID}>
      <h2 id={REVIEW_TITLE_ID} tabIndex={-1}>
        {t("atelier.reviews.title")}
      </h2>
      <p className="visually-hidden" aria-live="polite">
        {announce}
      </p>
      {list.abilities.comment && (
        <p className="help">{t("atelier.reviews.howTo")}</p>
      )}
      {list.abilities.comment && !editor.isEditable() && <p className="help">{t("atelier.reviews.keyboard")}</p>}
      {draft && (
        <form onSubmit={submit} className="review-new">
          <p className="review-quote">« {draft.quote} »</p>
          <AreaField id="review-new-body" label={t("atelier.reviews.newLabel")} value={body} rows={3} onChange={(e) => setBody(e.target.value)} />
          <button type="submit" disabled={busy || body.trim() === ""}>
            {t("atelier.reviews.publish")}
          </button>{" "}
          <button type="button" onClick={() => setDraft(null)}>
            {t("atelier.reviews.cancel")}
          </button>
        </form>
      )}
      {error && <ErrorMessage message={error} />}
      <ReviewPanel placed={placed} episodeId={episodeId} onChanged={load} />
    </section>
  );
  return (
    <>
      {list.abilities.comment && (
        <p className="review-bar">
          <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={startComment} aria-keyshortcuts="Control+Alt+M">
            {t("atelier.reviews.comment")}
          </button>
        </p>
      )}
      {panel ? createPortal(content, panel) : content}
    </>
  );
}
