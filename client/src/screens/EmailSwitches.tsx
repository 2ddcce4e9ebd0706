// My e-mail switches (new comments in my programmes, replies to my comments, review requests, outcomes of my proposals), shown in Mon compte.
import type { PrefsView } from "../../../server/api/comments/presenter.ts";
import { useState } from "react";
import { api } from "../api.ts";
import { useT } from "../i18n.tsx";
import { errorText } from "../ui/errors.ts";
import { ErrorMessage } from "../ui/Page.tsx";
import { useApi } from "../ui/useApi.ts";

type Prefs = PrefsView;

const SWITCHES = [
  ["newComments", "atelier.emails.newComments"],
  ["replies", "atelier.emails.replies"],
  ["reviewRequests", "atelier.emails.reviewRequests"],
  ["suggestionOutcomes", "atelier.emails.suggestionOutcomes"],
] as const;

export function EmailSwitches() {
  const t = useT();
  const prefs = useApi<Prefs>("/me/notifications");
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState("");
  // What the boxes show while the server answers: a click ticks at once, a refusal puts it back.
  const [shown, setShown] = useState<Partial<Prefs>>({});
  if (!prefs.data) return prefs.error ? <ErrorMessage message={errorText(prefs.error, t)} /> : null;
  const current = { ...prefs.data, ...shown };
  const toggle = async (field: keyof Prefs, value: boolean) => {
    setSaved(false);
    setError("");
    setShown((s) => ({ ...s, [field]: value }));
    try {
      await api("PUT", "/me/notifications", { [field]: value });
      await prefs.reload();
      setSaved(true);
    } catch (e) {
      setError(errorText(e, t));
    }
    setShown(({ [field]: _, ...rest }) => rest);
  };
  return (
    <section aria-labelledby="mes-emails" className="card">
      <h2 id="mes-emails">{t("atelier.emails.title")}</h2>
      {SWITCHES.map(([field, label]) => (
        <p key={field}>
          <label className="check">
            <input type="checkbox" checked={current[field]} onChange={(e) => void toggle(field, e.target.checked)} /> {t(label)}
          </label>
        </p>
      ))}
      <p role="status">{saved ? t("atelier.emails.saved") : ""}</p>
      {error && <ErrorMessage message={error} />}
    </section>
  );
}

