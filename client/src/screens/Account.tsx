// Mon compte: who I am (name, e-mail, affiliation), changing my password, my e-mail switches.
import { type FormEvent, useState } from "react";
import { ApiError, api } from "../api.ts";
import { useT } from "../i18n.tsx";
import { useSession } from "../session.tsx";
import { errorText } from "../ui/errors.ts";
import { Field } from "../ui/Field.tsx";
import { focusFirstInvalid } from "../ui/focus.ts";
import { NewPasswordField } from "../ui/NewPasswordField.tsx";
import { ErrorMessage, Page } from "../ui/Page.tsx";
import { EmailSwitches } from "./EmailSwitches.tsx";

function PasswordForm() {
  const t = useT();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [errors, setErrors] = useState<{ current?: string; next?: string; form?: string }>({});
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setDone(false);
    const missing = { current: current ? undefined : t("atelier.form.required"), next: next ? undefined : t("atelier.form.required") };
    if (missing.current || missing.next) {
      setErrors(missing);
      focusFirstInvalid(form);
      return;
    }
    setBusy(true);
    try {
      await api("POST", "/me/password", { currentPassword: current, newPassword: next });
      setErrors({});
      setCurrent("");
      setNext("");
      setDone(true);
    } catch (e) {
      const code = e instanceof ApiError ? e.code : "";
      // Tie the answer to the field it is about, so it is read with that field.
      if (code === "wrong_password") setErrors({ current: errorText(e, t) });
      else if (code === "weak_password") setErrors({ next: errorText(e, t) });
      else setErrors({ form: errorText(e, t) });
    } finally {
      setBusy(false);
    }
    focusFirstInvalid(form);
  };

  return (
    <section aria-labelledby="my-password" className="card">
      <h2 id="my-password">{t("atelier.account.passwordTitle")}</h2>
      <form onSubmit={submit} noValidate className="narrow">
        <Field
          label={t("atelier.account.currentPassword")}
          type="password"
          autoComplete="current-password"
          required
          value={current}
          error={errors.current}
          onChange={(e) => setCurrent(e.target.value)}
        />
        <NewPasswordField value={next} onChange={setNext} error={errors.next} />
        <button type="submit" className="primary" disabled={busy}>
          {t("atelier.account.passwordSubmit")}
        </button>
        <p role="status">{done ? t("atelier.account.passwordChanged") : ""}</p>
        {errors.form && <ErrorMessage message={errors.form} />}
      </form>
    </section>
  );
}

export function AccountScreen() {
  const t = useT();
  const { me } = useSession();
  if (!me) return null;
  const { user } = me;
  return (
    <Page title={t("atelier.account.title")}>
      <div className="grid">
        <section aria-labelledby="my-profile" className="card">
          <h2 id="my-profile">{t("atelier.account.profile")}</h2>
          <dl className="facts">
            <dt>{t("atelier.account.name")}</dt>
            <dd>{user.name}</dd>
            <dt>{t("atelier.signIn.email")}</dt>
            <dd>{user.email}</dd>
            <dt>{t("atelier.account.affiliation")}</dt>
            <dd>{user.affiliation.kind === "territory" ? user.affiliation.territory.name : t("atelier.account.lab")}</dd>
          </dl>
        </section>
        <EmailSwitches />
      </div>
      <PasswordForm />
    </Page>
  );
}
