// Sign-in with e-mail and password; returns to the screen that asked for it.
import { type FormEvent, useState } from "react";
import { useT } from "../i18n.tsx";
import { Link, navigate } from "../router.tsx";
import { useSession } from "../session.tsx";
import { errorText } from "../ui/errors.ts";
import { Field } from "../ui/Field.tsx";
import { ErrorMessage, Page } from "../ui/Page.tsx";
import { useApi } from "../ui/useApi.ts";
import type { ProvidersView } from "../../../server/api/oidc/presenter.ts";
import { ProviderSignIn } from "./ProviderSignIn.tsx";

export function SignIn({ next }: { next?: string }) {
  const t = useT();
  const { signIn } = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const [keepNothing, setKeepNothing] = useState(false);
  const ways = useApi<ProvidersView>(`/session/providers?suite=${encodeURIComponent(next ?? "/")}`);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError("");
    try {
      await signIn(email, password, !keepNothing);
      navigate(next?.startsWith("/") && !next.startsWith("//") ? next : "/", { replace: true });
    } catch (e) {
      setError(errorText(e, t));
      setBusy(false);
    }
  };

  return (
    <Page title={t("atelier.signIn.title")}>
      {ways.data && <ProviderSignIn view={ways.data} />}
      {ways.data?.passwordSignIn === false ? (
        <p>{t("oidc.signIn.passwordOff")}</p>
      ) : (
      <form className="narrow" onSubmit={submit} noValidate>
        {error && <ErrorMessage message={error} />}
        <Field label={t("atelier.signIn.email")} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <Field
          label={t("atelier.signIn.password")}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <label className="check">
          <input type="checkbox" checked={keepNothing} onChange={(e) => setKeepNothing(e.target.checked)} /> {t("atelier.signIn.keepNothing")}
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {t("atelier.signIn.submit")}
        </button>
        <p>
          <Link to="/mot-de-passe-oublie">{t("atelier.signIn.forgot")}</Link>
        </p>
      </form>
      )}
    </Page>
  );
}
