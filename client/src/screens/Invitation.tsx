// Accepting an invitation: a new account chooses name and password; an existing one signs in first.
import { type FormEvent, useState } from "react";
import { api } from "../api.ts";
import { useT } from "../i18n.tsx";
import { Link, navigate } from "../router.tsx";
import { type Role, useSession } from "../session.tsx";
import { Field } from "../ui/Field.tsx";
import { NewPasswordField } from "../ui/NewPasswordField.tsx";
import { ErrorMessage, Loading, Page } from "../ui/Page.tsx";
import { useApi } from "../ui/useApi.ts";
import { errorText } from "../ui/errors.ts";

type InvitationInfo = {
  invitation: { email: string; role: Role; programme: { id: string; title: string }; accountExists: boolean };
};

export function Invitation({ token }: { token: string }) {
  const t = useT();
  const { status, refresh } = useSession();
  const info = useApi<InvitationInfo>(`/invitations/${encodeURIComponent(token)}`);
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  if (info.loading) return <Loading label={t("atelier.loading")} />;
  if (!info.data)
    return (
      <Page title={t("atelier.invitation.title")}>
        <ErrorMessage message={errorText(info.error, t)} />
      </Page>
    );
  const invitation = info.data.invitation;

  const accept = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError("");
    try {
      await api("POST", `/invitations/${encodeURIComponent(token)}/accept`, invitation.accountExists ? {} : { name, password });
      await refresh();
      navigate(`/programmes/${invitation.programme.id}`, { replace: true });
    } catch (e) {
      setError(errorText(e, t));
      setBusy(false);
    }
  };

  const needsSignIn = invitation.accountExists && status !== "signed-in";
  return (
    <Page title={t("atelier.invitation.title")}>
      <p>
        {t("atelier.invitation.text", {
          programme: invitation.programme.title,
          role: t(`atelier.role.${invitation.role}`),
          email: invitation.email,
        })}
      </p>
      {error && <ErrorMessage message={error} />}
      {needsSignIn ? (
        <p>
          <Link to={`/connexion?suite=${encodeURIComponent(`/invitation/${token}`)}`}>{t("atelier.invitation.signInFirst")}</Link>
        </p>
      ) : (
        <form className="narrow" onSubmit={accept}>
          {!invitation.accountExists && (
            <>
              <Field label={t("atelier.invitation.name")} autoComplete="name" required value={name} onChange={(e) => setName(e.target.value)} />
              <NewPasswordField value={password} onChange={setPassword} />
            </>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {t("atelier.invitation.accept")}
          </button>
        </form>
      )}
    </Page>
  );
}
