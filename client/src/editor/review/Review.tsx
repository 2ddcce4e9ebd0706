// Review in the text: "Commenter" and "Proposer une formulation" on a selection, highlights and proposed texts, the thread panel, polite announcements.
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { createPortal, flushSync } from "react-dom";
import * as Y from "yjs";
import { type Anchor, flatten, resolveAnchor } from "../../../../collab/review/anchors.ts";
import { ROOT_NAME } from "../../../../collab/schema/nodes.ts";
import { useT } from "../../i18n.tsx";
import { AreaField } from "../../ui/Field.tsx";
import { ErrorMessage } from "../../ui/Page.tsx";
import { errorText } from "../../ui/errors.ts";
import type { CollabLink } from "../collabLink.ts";
import { anchorOfSelection, rangeOfAnchor } from "./anchorDom.ts";
import { applyInEditor } from "./applyInEditor.ts";
import { newsOf, type Seen } from "./news.ts";
import { ProposeDialog } from "./ProposeDialog.tsx";
import { type Placed, REVIEW_TITLE_ID, ReviewPanel, threadDomId } from "./ReviewPanel.tsx";
import { listReviews, openThread, type ReviewList } from "./reviews.ts";
import { type Mark, markOf, SPACED, SuggestionMarks } from "./SuggestionMarks.tsx";

const HIGHLIGHT = "review";
/** Open proposals: their passage struck through. */
const STRUCK = "suggestion";

/** Ctrl+Alt+M (⌘⌥M): comment the selection, or open the thread under the caret; Ctrl+Alt+P (⌘⌥P): propose a wording. */
const SHORTCUTS: Record<string, "comment" | "propose" | undefined> = { KeyM: "comment", KeyP: "propose" };
const shortcutOf = (e: KeyboardEvent) => ((e.ctrlKey || e.metaKey) && e.altKey ? SHORTCUTS[e.code] : undefined);

type Props = { episodeId: string; link: CollabLink; userId: string; panel: HTMLElement | null };

export function Review({ episodeId, link, userId, panel }: Props) {
  const t = useT();
  const [editor] = useLexicalComposerContext();
  const [list, setList] = useState<ReviewList | null>(null);
  const [placed, setPlaced] = useState<Placed[]>([]);
  const [draft, setDraft] = useState<Anchor | null>(null);
  const [proposal, setProposal] = useState<Anchor | null>(null);
  const [marks, setMarks] = useState<{ frame: HTMLElement | null; marks: Mark[] }>({ frame: null, marks: [] });
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const [announce, setAnnounce] = useState("");
  /** The thread just opened here: focus goes to it once the panel shows it, the form that had focus being gone. */
  const [opened, setOpened] = useState<string | null>(null);
  const seen = useRef<Seen | null>(null);
  const ranges = useRef<{ id: string; range: Range }[]>([]);

  const load = useCallback(
    () =>
    listReviews(episodeId).then(
      (loaded) => {
        const news = newsOf(seen.current, loaded, userId, t);
        if (news.said) setAnnounce(news.said);
        seen.current = news.seen;
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
        return resolved?.state === "attached" ? { thread, at: resolved.from, text: resolved.text } : { thread, at: null, text: null };
      });
      next.sort((a, b) => (a.at ?? Number.POSITIVE_INFINITY) - (b.at ?? Number.POSITIVE_INFINITY));
      setPlaced(next);
      const shown = next.flatMap(({ thread, at }) => {
        const open = !thread.resolved && (!thread.suggestion || thread.suggestion.status === "open");
        const range = at !== null && open && thread.anchor ? rangeOfAnchor(editor, root, thread.anchor) : null;
        return range ? [{ id: thread.id, range, replacement: thread.suggestion?.replacement ?? null }] : [];
      });
      ranges.current = shown;
      const frame = editor.getRootElement()?.closest<HTMLElement>(".editor-frame") ?? null;
      const proposals = shown.filter((s) => s.replacement !== null);
      // Spaced before measuring: the proposed texts go where the lines now are.
      frame?.classList.toggle(SPACED, proposals.some((s) => s.replacement !== ""));
      setMarks({ frame, marks: frame ? proposals.flatMap((s) => markOf(s.id, s.replacement!, s.range, frame) ?? []) : [] });
      if (!("highlights" in CSS)) return;
      CSS.highlights.set(HIGHLIGHT, new Highlight(...shown.filter((s) => s.replacement === null).map((s) => s.range)));
      CSS.highlights.set(STRUCK, new Highlight(...proposals.map((s) => s.range)));
    };
    place();
    window.addEventListener("resize", place);
    const unregister = editor.registerUpdateListener(() => place());
    return () => {
      unregister();
      window.removeEventListener("resize", place);
    };
  }, [list, editor, link]);
  useEffect(
    () => () => {
      editor.getRootElement()?.closest(".editor-frame")?.classList.remove(SPACED);
      if (!("highlights" in CSS)) return;
      CSS.highlights.delete(HIGHLIGHT);
      CSS.highlights.delete(STRUCK);
    },
    [editor],
  );

  const selected = useCallback(() => {
    const root = link.provider?.doc.get(ROOT_NAME, Y.XmlText);
    const anchor = root ? anchorOfSelection(editor, root) : null;
    setError(anchor ? "" : t("atelier.reviews.selectFirst"));
    return anchor;
  }, [editor, link, t]);

  const startComment = useCallback(() => {
    const anchor = selected();
    setDraft(anchor);
    if (anchor) requestAnimationFrame(() => document.getElementById("review-new-body")?.focus());
  }, [selected]);

  const startProposal = useCallback(() => setProposal(selected()), [selected]);
  /** Back to the text once the dialog has closed: where the passage was chosen, mouse or keyboard. */
  const endProposal = () => {
    flushSync(() => setProposal(null));
    editor.getRootElement()?.focus();
  };

  const apply = useCallback(
    (anchor: Anchor, replacement: string) => {
      const root = link.provider?.doc.get(ROOT_NAME, Y.XmlText);
      return root ? applyInEditor(editor, root, anchor, replacement) : Promise.resolve("invalid" as const);
    },
    [editor, link],
  );

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
      const shortcut = shortcutOf(e);
      if (!shortcut) return;
      e.preventDefault();
      if (shortcut === "propose") {
        if (list?.abilities.suggest) startProposal();
      } else if (!window.getSelection()?.isCollapsed) startComment();
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
  }, [editor, startComment, startProposal, openAtCaret, list, t]);

  useEffect(() => {
    // Runs again when the list is read afresh: the card appears only then.
    const card = opened && list?.threads.some((th) => th.id === opened) && document.getElementById(threadDomId(opened));
    if (!card) return;
    card.focus();
    setOpened(null);
  }, [opened, list]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    setBusy(true);
    try {
      const { id } = await openThread(episodeId, body, draft);
      setOpened(id);
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
      {list.abilities.suggest && <p className="help">{t("atelier.suggestions.howTo")}</p>}
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
      <ReviewPanel placed={placed} episodeId={episodeId} onChanged={load} apply={apply} />
    </section>
  );
  return (
    <>
      {list.abilities.comment && (
        <p className="review-bar">
          <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={startComment} aria-keyshortcuts="Control+Alt+M">
            {t("atelier.reviews.comment")}
          </button>
          {list.abilities.suggest && (
            <>
              {" "}
              <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={startProposal} aria-keyshortcuts="Control+Alt+P">
                {t("atelier.suggestions.propose")}
              </button>
            </>
          )}
        </p>
      )}
      {proposal && (
        <ProposeDialog
          episodeId={episodeId}
          anchor={proposal}
          onClose={endProposal}
          onSent={async () => {
            endProposal();
            setAnnounce(t("atelier.suggestions.sent"));
            await load();
          }}
        />
      )}
      <SuggestionMarks frame={marks.frame} marks={marks.marks} />
      {panel ? createPortal(content, panel) : content}
    </>
  );
}
