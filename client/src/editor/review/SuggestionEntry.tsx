// A proposal's part of its thread in the panel: what it would change, how it was decided, and accept, reject or copy.
import { type FormEvent, useState } from "react";
import { flushSync } from "react-dom";
import type { Anchor } from "../../../../collab/review/anchors.ts";
import { SUGGESTION_LIMITS } from "../../../../server/domain/suggestions.ts";
import { ApiError } from "../../api.ts";
import { type T, useT } from "../../i18n.tsx";
import { Dialog } from "../../ui/Dialog.tsx";
import { AreaField } from "../../ui/Field.tsx";
import { ErrorMessage } from "../../ui/Page.tsx";
import { errorText } from "../../ui/errors.ts";
import type { Applied } from "./applyInEditor.ts";
import { acceptSuggestion, type ReviewThread, rejectSuggestion, type Suggestion } from "./reviews.ts";

export type Apply = (anchor: Anchor, replacement: string) => Promise<Applied>;

/** « Proposition de Chloé Roux (Métropole de Lyon) : remplacer « … » par « … » », against the passage as it is now. */
export function suggestionTitle(t: T, thread: ReviewThread, suggestion: Suggestion, passage: string | null): string {
  const { name, territory } = thread.author;
  const by = territory ? t("atelier.suggestions.byTerritory", { name, territory }) : name;
  const from = passage?.trim() || thread.anchor?.quote || "";
  return suggestion.replacement === ""
    ? t("atelier.suggestions.remove", { name: by, from })
    : t("atelier.suggestions.replace", { name: by, from, to: suggestion.replacement });
}

/** « Acceptée par … » or « Refusée par … : raison »; nothing while the proposal is open. */
export function SuggestionState({ suggestion }: { suggestion: Suggestion }) {
  const t = useT();
  if (suggestion.status === "open" || !suggestion.decidedBy) return null;
  const name = suggestion.decidedBy.name;
  const text =
    suggestion.status === "accepted"
      ? t("atelier.suggestions.accepted", { name })
      : suggestion.reason
        ? t("atelier.suggestions.rejectedWhy", { name, reason: suggestion.reason })
        : t("atelier.suggestions.rejected", { name });
  return <p className={`review-state suggestion-${suggestion.status}`}>{text}</p>;
}

type Props = { thread: ReviewThread; suggestion: Suggestion; attached: boolean; apply: Apply; onChanged(): Promise<void>; focusThread(): void };

/**
 * Accept (while the passage is in the text), reject with an optional reason, or copy the proposed text once it is detached.
 * Stays mounted once the proposal is decided, so what happened (a 409 when someone decided first) is still said.
 */
export function SuggestionActions({ thread, suggestion, attached, apply, onChanged, focusThread }: Props) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const [said, setSaid] = useState("");
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const open = suggestion.status === "open";

  /** "done", "taken" when someone decided first (the list then shows what they decided), or "failed". */
  const decide = async (action: () => Promise<void>) => {
    setBusy(true);
    setError("");
    try {
      await action();
      await onChanged();
      return "done";
    } catch (e) {
      setError(errorText(e, t));
      if (!(e instanceof ApiError && e.status === 409)) return "failed";
      await onChanged();
      return "taken";
    } finally {
      setBusy(false);
    }
  };
  const accept = async () => {
    const outcome = await decide(async () => {
      const { suggestion: decided } = await acceptSuggestion(thread.id);
      // Only once the server says this acceptance won: applied here, the edit reaches everyone through the document.
      if (thread.anchor && (await apply(thread.anchor, decided.replacement)) !== "applied") setError(t("atelier.suggestions.notApplied"));
    });
    if (outcome !== "failed") focusThread();
  };
  const reject = async (event?: FormEvent) => {
    event?.preventDefault();
    const outcome = await decide(async () => void (await rejectSuggestion(thread.id, reason)));
    if (outcome === "failed") return;
    // The dialog gives focus back to « Refuser », which is going: focus moves on to the thread, now decided.
    flushSync(() => setRejecting(false));
    focusThread();
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(suggestion.replacement);
      setSaid(t("atelier.suggestions.copied"));
    } catch {
      setError(t("atelier.suggestions.copyFailed"));
    }
  };

  return (
    <>
      <div className="review-actions">
        {open && attached && thread.abilities.accept && (
          <button type="button" className="primary" disabled={busy} onClick={() => void accept()}>
            {t("atelier.suggestions.accept")}
          </button>
        )}
        {open && thread.abilities.reject && (
          <button type="button" disabled={busy} onClick={() => setRejecting(true)}>
            {t("atelier.suggestions.reject")}
          </button>
        )}
        {open && !attached && (
          <button type="button" onClick={() => void copy()}>
            {t("atelier.suggestions.copy")}
          </button>
        )}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {said}
      </p>
      {error && !rejecting && <ErrorMessage message={error} />}
      {open && rejecting && (
        <Dialog
          title={t("atelier.suggestions.rejectTitle")}
          onClose={() => setRejecting(false)}
          onSubmit={(e) => void reject(e)}
          submitLabel={t("atelier.suggestions.rejectConfirm")}
          busy={busy}
        >
          <p>{suggestionTitle(t, thread, suggestion, null)}</p>
          <AreaField
            label={t("atelier.suggestions.rejectReason")}
            help={t("atelier.suggestions.rejectReasonHelp")}
            value={reason}
            maxLength={SUGGESTION_LIMITS.reason}
            rows={3}
            onChange={(e) => setReason(e.target.value)}
          />
          {error && <ErrorMessage message={error} />}
        </Dialog>
      )}
    </>
  );
}
