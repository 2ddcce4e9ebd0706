// Moderation of recent comments across my programmes (hide, show again, delete), and my e-mail switches.
import { useState } from "react";
import { ApiError, api } from "../api.ts";
import { ErrorMessage, Loading, Page } from "../ui/Page.tsx";
import { useApi } from "../ui/useApi.ts";

type ModeratedComment = {
  id: string;
  status: "visible" | "hidden";
  author: { name: string; territory: string | null };
  body: string;
  createdAt: string;
  editedAt: string | null;
  episode: { id: string; title: string; number: number | null; status: string; slug: string };
  programme: { slug: string; title: string };
};

type Prefs = { newComments: boolean; replies: boolean };

const DATE = new Intl.DateTimeFormat("fr-FR", { dateStyle: "medium", timeStyle: "short" });

function publicUrl(c: ModeratedComment): string | null {
  if (c.episode.status !== "published" || c.episode.number === null) return null;
  return `/carnets/${encodeURIComponent(c.programme.slug)}/${c.episode.number}-${encodeURIComponent(c.episode.slug)}#commentaire-${c.id}`;
}

function CommentRow({ c, onChange }: { c: ModeratedComment; onChange(): Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function act(run: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await run();
      await onChange();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Action impossible.");
    } finally {
      setBusy(false);
    }
  }
  const url = publicUrl(c);
  return (
    <li className={`card comment-moderated${c.status === "hidden" ? " is-hidden" : ""}`}>
      <p className="muted">
        <strong>{c.author.name}</strong>
        {c.author.territory ? ` (${c.author.territory})` : ""} · {DATE.format(new Date(c.createdAt))}
        {c.editedAt ? " · modifié" : ""} · {c.programme.title} — {url ? <a href={url}>{c.episode.title}</a> : c.episode.title}
        {c.status === "hidden" ? " · masqué" : ""}
      </p>
      {/* Plain text, rendered as text: React escapes it. */}
      <p style={{ whiteSpace: "pre-wrap" }}>{c.body}</p>
      {error && <ErrorMessage message={error} />}
      <div className="actions">
        <button
          type="button"
          disabled={busy}
          onClick={() => act(() => api("PATCH", `/comments/${c.id}`, { status: c.status === "hidden" ? "visible" : "hidden" }))}
        >
          {c.status === "hidden" ? "Afficher à nouveau" : "Masquer"}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            if (window.confirm("Supprimer définitivement ce commentaire ?")) void act(() => api("DELETE", `/comments/${c.id}`));
          }}
        >
          Supprimer
        </button>
      </div>
    </li>
  );
}

function NotificationSwitches() {
  const prefs = useApi<Prefs>("/me/notifications");
  const [saved, setSaved] = useState(false);
  if (!prefs.data) return prefs.error ? <ErrorMessage message={prefs.error.message} /> : null;
  const toggle = async (field: keyof Prefs, value: boolean) => {
    setSaved(false);
    await api("PUT", "/me/notifications", { [field]: value });
    await prefs.reload();
    setSaved(true);
  };
  return (
    <section aria-labelledby="mes-emails" className="card">
      <h2 id="mes-emails">Mes e-mails</h2>
      <p>
        <label>
          <input type="checkbox" checked={prefs.data.newComments} onChange={(e) => void toggle("newComments", e.target.checked)} />{" "}
          Nouveaux commentaires dans mes programmes (au plus un e-mail toutes les 10 minutes)
        </label>
      </p>
      <p>
        <label>
          <input type="checkbox" checked={prefs.data.replies} onChange={(e) => void toggle("replies", e.target.checked)} /> Réponses à mes
          commentaires
        </label>
      </p>
      {saved && <p role="status">Enregistré.</p>}
    </section>
  );
}

export function ModerationScreen() {
  const [status, setStatus] = useState<"" | "hidden">("");
  const list = useApi<{ comments: ModeratedComment[] }>(`/moderation/comments${status ? `?status=${status}` : ""}`);
  return (
    <Page title="Commentaires">
      <NotificationSwitches />
      <p>
        <label>
          Afficher{" "}
          <select value={status} onChange={(e) => setStatus(e.target.value as "" | "hidden")}>
            <option value="">les commentaires récents</option>
            <option value="hidden">les commentaires masqués</option>
          </select>
        </label>
      </p>
      {list.loading && !list.data && <Loading label="Chargement…" />}
      {list.error && (
        <ErrorMessage message={list.error.status === 403 ? "Vous ne modérez aucun programme." : list.error.message} />
      )}
      {list.data && list.data.comments.length === 0 && <p className="muted">Aucun commentaire.</p>}
      {list.data && (
        <ul className="plain">
          {list.data.comments.map((c) => (
            <CommentRow key={c.id} c={c} onChange={list.reload} />
          ))}
        </ul>
      )}
    </Page>
  );
}
