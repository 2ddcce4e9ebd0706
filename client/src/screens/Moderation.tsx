// Moderation of recent comments across my programmes (hide, show again, delete); my e-mail switches live in Mon compte.
import { useState } from "react";
import type { ModerationItemView } from "../../../server/api/comments/presenter.ts";
import { api } from "../api.ts";
import { formatDateTime, useLang, useT } from "../i18n.tsx";
import { Link } from "../router.tsx";
import { Dialog } from "../ui/Dialog.tsx";
import { errorText } from "../ui/errors.ts";
import { ErrorMessage, Loading, Page } from "../ui/Page.tsx";
import { useApi } from "../ui/useApi.ts";

type ModeratedComment = ModerationItemView;

function publicUrl(c: ModeratedComment): string | null {
  if (c.episode.status !== "published" || c.episode.number === null) return null;
  return `/carnets/${encodeURIComponent(c.programme.slug)}/${c.episode.number}-${encodeURIComponent(c.episode.slug)}#commentaire-${c.id}`;
}

function CommentRow({ c, onChange }: { c: ModeratedComment; onChange(): Promise<void> }) {
  const t = useT();
  const { lang } = useLang();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  async function act(run: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await run();
      await onChange();
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }
  const url = publicUrl(c);
  // Which comment a button acts on, for those who hear the buttons out of their row.
  const which = <span className="visually-hidden"> {t("atelier.moderation.of", { name: c.author.name })}</span>;
  return (
    <li className={`card comment-moderated${c.status === "hidden" ? " is-hidden" : ""}`}>
      <p className="muted">
        <strong>{c.author.name}</strong>
        {c.author.territory ? ` (${c.author.territory})` : ""} · {formatDateTime(lang, c.createdAt)}
        {c.editedAt ? ` · ${t("atelier.moderation.edited")}` : ""} · {c.programme.title} —{" "}
        {url ? <a href={url}>{c.episode.title}</a> : c.episode.title}
        {c.status === "hidden" ? ` · ${t("atelier.moderation.hidden")}` : ""}
      </p>
      {/* Plain text, rendered as text: React escapes it. */}
      <p className="comment-body">{c.body}</p>
      {error && <ErrorMessage message={error} />}
      <div className="actions">
        <button
          type="button"
          disabled={busy}
          onClick={() => act(() => api("PATCH", `/comments/${c.id}`, { status: c.status === "hidden" ? "visible" : "hidden" }))}
        >
          {c.status === "hidden" ? t("atelier.moderation.unhide") : t("atelier.moderation.hide")}
          {which}
        </button>
        <button type="button" disabled={busy} onClick={() => setConfirming(true)}>
          {t("atelier.moderation.delete")}
          {which}
        </button>
      </div>
      {confirming && (
        <Dialog
          title={t("atelier.moderation.deleteTitle")}
          onClose={() => setConfirming(false)}
          submitLabel={t("atelier.moderation.delete")}
          onSubmit={() => {
            setConfirming(false);
            void act(() => api("DELETE", `/comments/${c.id}`));
          }}
        >
          <p>{t("atelier.moderation.deleteExplain", { name: c.author.name })}</p>
        </Dialog>
      )}
    </li>
  );
}

export function ModerationScreen() {
  const t = useT();
  const [status, setStatus] = useState<"" | "hidden">("");
  const list = useApi<{ comments: ModeratedComment[] }>(`/moderation/comments${status ? `?status=${status}` : ""}`);
  return (
    <Page title={t("atelier.moderation.title")}>
      <p>
        <Link to="/compte">{t("atelier.moderation.emailsLink")}</Link>
      </p>
      <div className="field">
        <label htmlFor="moderation-filter">{t("atelier.moderation.filter")}</label>
        <select id="moderation-filter" value={status} onChange={(e) => setStatus(e.target.value as "" | "hidden")}>
          <option value="">{t("atelier.moderation.recent")}</option>
          <option value="hidden">{t("atelier.moderation.hiddenOnes")}</option>
        </select>
      </div>
      {list.loading && !list.data && <Loading label={t("atelier.loading")} />}
      {list.error && (
        <ErrorMessage message={list.error.status === 403 ? t("atelier.moderation.notModerator") : errorText(list.error, t)} />
      )}
      {list.data && list.data.comments.length === 0 && <p className="muted">{t("atelier.moderation.none")}</p>}
      {list.data && list.data.comments.length > 0 && (
        <ul className="plain" aria-label={t("atelier.moderation.list")}>
          {list.data.comments.map((c) => (
            <CommentRow key={c.id} c={c} onChange={list.reload} />
          ))}
        </ul>
      )}
    </Page>
  );
}
