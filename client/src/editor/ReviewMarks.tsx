// The territories' "Relu" on an episode in review: who has read it, a partner's mark with its comment, and the publish dialog's one line.
import type { ReviewView } from "../../../server/api/reviewMarks/presenter.ts";
import { REVIEW_MARK_COMMENT_MAX } from "../../../server/domain/reviewMarks.ts";
import { useCallback, useEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { api } from "../api.ts";
import { formatDateTime, useLang, useT } from "../i18n.tsx";
import { AreaField } from "../ui/Field.tsx";
import { ErrorMessage } from "../ui/Page.tsx";
import { errorText } from "../ui/errors.ts";
import { useApi } from "../ui/useApi.ts";
import type { CollabLink } from "./collabLink.ts";

type Loaded = { review: ReviewView };
const nothing = () => {};

/** Reads the marks again whenever the server says the episode's review changed (a territory marked or withdrew « Relu »). */
function useReviewNotices(link: CollabLink, reload: () => Promise<void>, then: () => void = nothing): void {
  useEffect(() => link.onReview(() => void reload().then(then)), [link, reload, then]);
}

function TerritoryList({ review }: { review: ReviewView }) {
  const t = useT();
  const { lang } = useLang();
  if (review.territories.length === 0) return <p className="muted">{t("atelier.review.marks.none")}</p>;
  return (
    <ul className="review-marks">
      {review.territories.map((territory) => (
        <li key={territory.id}>
          {territory.read
            ? t("atelier.review.marks.read", {
                territory: territory.name,
                name: territory.read.by.name,
                date: formatDateTime(lang, territory.read.at),
              })
            : t("atelier.review.marks.unread", { territory: territory.name })}
          {territory.read?.comment && (
            <>
              {" "}
              <q className="review-comment">{territory.read.comment}</q>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** A partner marks the draft "Relu" for their territory, or withdraws it. */
function MarkForm({ episodeId, review, onDone }: { episodeId: string; review: ReviewView; onDone(r: ReviewView, said: string): void }) {
  const t = useT();
  const [comment, setComment] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const mine = review.territories.find((territory) => territory.id === review.abilities.territoryId);
  const send = async (method: "PUT" | "DELETE") => {
    setBusy(true);
    setError("");
    try {
      const body = method === "PUT" ? (comment.trim() ? { comment } : {}) : undefined;
      const { review: next } = await api<Loaded>(method, `/episodes/${episodeId}/review/mark`, body);
      setComment("");
      onDone(next, method === "PUT" ? t("atelier.review.mark.saved", { territory: mine?.name ?? "" }) : t("atelier.review.mark.withdrawn"));
    } catch (e) {
      setError(errorText(e, t));
    }
    setBusy(false);
  };
  if (mine?.read)
    return (
      <button type="button" disabled={busy} onClick={() => void send("DELETE")}>
        {t("atelier.review.mark.withdraw")}
      </button>
    );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void send("PUT");
      }}
    >
      <AreaField
        label={t("atelier.review.mark.comment")}
        value={comment}
        maxLength={REVIEW_MARK_COMMENT_MAX}
        rows={3}
        onChange={(e) => setComment(e.target.value)}
      />
      <button type="submit" className="primary" disabled={busy}>
        {t("atelier.review.mark.submit")}
      </button>
      {error && <ErrorMessage message={error} />}
    </form>
  );
}

/** The episode screen's section: each territory read or not, and the partner's own mark. */
export function ReviewMarks({ episodeId, link }: { episodeId: string; link: CollabLink }) {
  const t = useT();
  const loaded = useApi<Loaded>(`/episodes/${episodeId}/review`);
  const [shown, setShown] = useState<ReviewView | null>(null);
  // Once read again, the list is the server's, no longer the one our own mark returned.
  useReviewNotices(
    link,
    loaded.reload,
    useCallback(() => setShown(null), []),
  );
  const [said, setSaid] = useState("");
  const heading = useRef<HTMLHeadingElement>(null);
  const review = shown ?? loaded.data?.review ?? null;
  return (
    <section aria-labelledby="review-marks-title">
      <h2 id="review-marks-title" ref={heading} tabIndex={-1}>
        {t("atelier.review.marks.title")}
      </h2>
      {loaded.error && <ErrorMessage message={errorText(loaded.error, t)} />}
      {review && <TerritoryList review={review} />}
      {review?.abilities.markRead && (
        <MarkForm
          episodeId={episodeId}
          review={review}
          onDone={(next, message) => {
            flushSync(() => {
              setShown(next);
              setSaid(message);
            });
            // The pressed button is gone (« Marquer comme relu » and « Retirer » swap): the keyboard resumes from the section.
            if (document.activeElement === document.body) heading.current?.focus();
          }}
        />
      )}
      <p role="status">{said}</p>
    </section>
  );
}

/** One line of the publish dialog: which partner territories have read the draft. */
export function ReviewMarksLine({ episodeId, link }: { episodeId: string; link: CollabLink }) {
  const t = useT();
  const { data, reload } = useApi<Loaded>(`/episodes/${episodeId}/review`);
  useReviewNotices(link, reload);
  if (!data || data.review.territories.length === 0) return null;
  const { territories } = data.review;
  return (
    <div className="review-marks-line">
      <p>{t("atelier.review.marks.summary", { read: territories.filter((x) => x.read).length, total: territories.length })}</p>
      <TerritoryList review={data.review} />
    </div>
  );
}
