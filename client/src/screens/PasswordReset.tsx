// Forgotten password: ask for a link by e-mail, then choose a new password from that link.
import { type FormEvent, type ReactNode, useState } from "react";
import { api } from "../api.ts";
import { useT } from "../i18n.tsx";
import { Link } from "../router.tsx";
import { Field } from "../ui/Field.tsx";
import { NewPasswordField } from "../ui/NewPasswordField.tsx";
import { ErrorMessage, Loading, Page } from "../ui/Page.tsx";
import { useApi } from "../ui/useApi.ts";
import { errorText } from "../ui/errors.ts";

/** Both steps' form: its error, its one field and its button. */
function ResetForm(props: { onSubmit: (event: FormEvent) => void; error: string; submitLabel: string; children: ReactNode }) {
  return (
    <form className="narrow" onSubmit={props.onSubmit}>
      {props.error && <ErrorMessage message={props.error} />}
      {props.children}
      <button type="submit" className="primary">
        {props.submitLabel}
      </button>
    </form>
  );
}

/** Shown under every state of both steps, sent and done included. */
function BackToSignIn() {
  const t = useT();
  return (
    <p>
      <Link to="/connexion">{t("atelier.reset.backToSignIn")}</Link>
    </p>
  );
}

export function ResetRequest() {
  const t = useT();
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState("");
  const [error, setError] = useState("");
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError("");
    try {
      const res = await api<{ message?: string }>("POST", "/password-resets", { email });
      setSent(res?.message ?? t("atelier.reset.sent"));
    } catch (e) {
      setError(errorText(e, t));
    }
  };
  return (
    <Page title={t("atelier.reset.title")}>
      {sent ? (
        <p role="status">{sent}</p>
      ) : (
        <ResetForm onSubmit={submit} error={error} submitLabel={t("atelier.reset.request")}>
          <Field label={t("atelier.signIn.email")} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </ResetForm>
      )}
      <BackToSignIn />
    </Page>
  );
}

export function ResetComplete({ token }: { token: string }) {
  const t = useT();
  const check = useApi<{ valid: boolean }>(`/password-resets/${encodeURIComponent(token)}`);
  const [password, setPassword] = useState("");
  const [done, setDone] = useState(false);
  const [error, setError] = useState("");
  if (check.loading) return <Loading label={t("atelier.loading")} />;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError("");
    try {
      await api("POST", `/password-resets/${encodeURIComponent(token)}`, { password });
      setDone(true);
    } catch (e) {
      setError(errorText(e, t));
    }
  };
  return (
    <Page title={t("atelier.reset.completeTitle")}>
      {check.error ? (
        <ErrorMessage message={errorText(check.error, t)} />
      ) : done ? (
        <p role="status">{t("atelier.reset.done")}</p>
      ) : (
        <ResetForm onSubmit={submit} error={error} submitLabel={t("atelier.reset.save")}>
          <NewPasswordField value={password} onChange={setPassword} />
        </ResetForm>
      )}
      <BackToSignIn />
    </Page>
  );
}
