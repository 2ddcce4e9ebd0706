// The side panel of review threads: in document order, with the quote (or the proposal), author, territory, time, replies, resolve, reopen and delete.
import { type FormEvent, useState } from "react";
import { flushSync } from "react-dom";
import { formatDateTime, useLang, useT } from "../../i18n.tsx";
import { Dialog } from "../../ui/Dialog.tsx";
import { AreaField } from "../../ui/Field.tsx";
import { ErrorMessage } from "../../ui/Page.tsx";
import { errorText } from "../../ui/errors.ts";
import { type ReviewThread, removeReview, replyTo, setResolved } from "./reviews.ts";
import { type Apply, SuggestionActions, SuggestionState, suggestionTitle } from "./SuggestionEntry.tsx";

/** A thread with where its passage is now: its offset and text in the document, or null once the passage is gone. */
export type Placed = { thread: ReviewThread; at: number | null; text: string | null };

export const threadDomId = (id: string) => `review-thread-${id}`;
/** The panel's heading, where focus goes once a whole thread is deleted. */
export const REVIEW_TITLE_ID = "review-title";

/** The comment whose deletion waits for confirmation: the thread itself or one of its replies. */
type Doomed = { id: string; name: string; reply: boolean };

function Byline({ author, createdAt }: { author: ReviewThread["author"]; createdAt: string }) {
  const { lang } = useLang();
  return (
    <p className="review-meta">
      <strong>{author.name}</strong>
      {author.territory && <span className="badge review-territory">{author.territory}</span>}{" "}
      <time dateTime={createdAt}>{formatDateTime(lang, createdAt)}</time>
    </p>
  );
}

type Changed = () => Promise<void>;

type ThreadProps = { placed: Placed; episodeId: string; onChanged: Changed; apply: Apply };

function Thread({ placed, episodeId, onChanged, apply }: ThreadProps) {
  const t = useT();
  const { thread, at } = placed;
  const { suggestion } = thread;
  const [reply, setReply] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const [doomed, setDoomed] = useState<Doomed | null>(null);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError("");
    try {
      await action();
      await onChanged();
      return true;
    } catch (e) {
      setError(errorText(e, t));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const submitReply = async (event: FormEvent) => {
    event.preventDefault();
    if (await run(() => replyTo(episodeId, thread.id, reply))) setReply("");
  };
  const confirmDelete = async () => {
    if (!doomed) return;
    const ok = await run(() => removeReview(doomed.id));
    // The dialog gives focus back to its opener as it closes; that button is going, so focus moves on right after:
    // to the thread that remains, or to the panel's heading.
    flushSync(() => setDoomed(null));
    if (ok) document.getElementById(doomed.reply ? threadDomId(thread.id) : REVIEW_TITLE_ID)?.focus();
  };
  const deleteButton = (target: Doomed) => (
    <button
      type="button"
      disabled={busy}
      aria-label={t(target.reply ? "atelier.reviews.deleteReplyOf" : "atelier.reviews.deleteThreadOf", { name: target.name })}
      onClick={() => setDoomed(target)}
    >
      {t("atelier.reviews.delete")}
    </button>
  );
  const headingId = `${threadDomId(thread.id)}-title`;
  return (
    <li>
      <article id={threadDomId(thread.id)} tabIndex={-1} aria-labelledby={headingId} className={`review-thread${thread.resolved ? " resolved" : ""}`}>
        <h3 id={headingId} className={suggestion ? "review-quote suggestion-title" : "review-quote"}>
          {suggestion ? suggestionTitle(t, thread, suggestion, placed.text) : `« ${thread.anchor?.quote} »`}
        </h3>
        {at === null && <p className="review-detached">{t(suggestion ? "atelier.suggestions.detached" : "atelier.reviews.detached")}</p>}
        {suggestion && <SuggestionState suggestion={suggestion} />}
        {thread.resolved && !suggestion?.decidedBy && <p className="review-state">{t("atelier.reviews.resolved")}</p>}
        <Byline author={thread.author} createdAt={thread.createdAt} />
        {thread.body && <p className="review-body">{thread.body}</p>}
        {suggestion && (
          <SuggestionActions
            thread={thread}
            suggestion={suggestion}
            attached={at !== null}
            apply={apply}
            onChanged={onChanged}
            focusThread={() => document.getElementById(threadDomId(thread.id))?.focus()}
          />
        )}
        {thread.replies.length > 0 && (
          <ol className="review-replies" aria-label={t("atelier.reviews.replies")}>
            {thread.replies.map((r) => (
              <li key={r.id}>
                <Byline author={r.author} createdAt={r.createdAt} />
                <p className="review-body">{r.body}</p>
                {r.abilities.delete && deleteButton({ id: r.id, name: r.author.name, reply: true })}
              </li>
            ))}
          </ol>
        )}
        {thread.abilities.reply && (
          <form onSubmit={submitReply}>
            <AreaField label={t("atelier.reviews.replyLabel", { name: thread.author.name })} value={reply} rows={2} onChange={(e) => setReply(e.target.value)} />
            <button type="submit" disabled={busy || reply.trim() === ""}>
              {t("atelier.reviews.reply")}
            </button>
          </form>
        )}
        <div className="review-actions">
          {thread.abilities.resolve && (
            <button type="button" disabled={busy} onClick={() => void run(() => setResolved(thread.id, true))}>
              {t("atelier.reviews.resolve")}
            </button>
          )}
          {thread.abilities.reopen && (
            <button type="button" disabled={busy} onClick={() => void run(() => setResolved(thread.id, false))}>
              {t("atelier.reviews.reopen")}
            </button>
          )}
          {thread.abilities.delete && deleteButton({ id: thread.id, name: thread.author.name, reply: false })}
        </div>
        {error && <ErrorMessage message={error} />}
        {doomed && (
          <Dialog
            title={t(doomed.reply ? "atelier.reviews.deleteReplyTitle" : "atelier.reviews.deleteThreadTitle")}
            onClose={() => setDoomed(null)}
            onSubmit={() => void confirmDelete()}
            submitLabel={t("atelier.reviews.deleteConfirm")}
            busy={busy}
          >
            <p>{t(doomed.reply ? "atelier.reviews.deleteReplyExplain" : "atelier.reviews.deleteThreadExplain")}</p>
          </Dialog>
        )}
      </article>
    </li>
  );
}

export function ReviewPanel({ placed, episodeId, onChanged, apply }: { placed: Placed[]; episodeId: string; onChanged: Changed; apply: Apply }) {
  const t = useT();
  return placed.length === 0 ? (
    <p className="muted">{t("atelier.reviews.none")}</p>
  ) : (
    <ol className="review-threads">
      {placed.map((p) => (
        <Thread key={p.thread.id} placed={p} episodeId={episodeId} onChanged={onChanged} apply={apply} />
      ))}
    </ol>
  );
}
