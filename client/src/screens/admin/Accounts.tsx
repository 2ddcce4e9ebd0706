// The instance's accounts for the admin: list, create (a link by e-mail sets the password), deactivate and reactivate.
import { type FormEvent, useState } from "react";
import { ApiError, api } from "../../api.ts";
import { useT } from "../../i18n.tsx";
import { Dialog } from "../../ui/Dialog.tsx";
import { errorText } from "../../ui/errors.ts";
import { Field } from "../../ui/Field.tsx";
import { focusFirstInvalid } from "../../ui/focus.ts";
import { ErrorMessage } from "../../ui/Page.tsx";
import { useApi } from "../../ui/useApi.ts";
import { AccountEditDialog } from "./AccountEditDialog.tsx";
import { AccountRoleFields } from "./AccountRoleFields.tsx";
import { type Account, affiliationOf, type Territory } from "./types.ts";

function AccountRow({ account, onToggle, onEdit }: { account: Account; onToggle(a: Account): void; onEdit(a: Account): void }) {
  const t = useT();
  const yesNo = (v: boolean) => (v ? t("atelier.yes") : t("atelier.no"));
  return (
    <li className="member">
      <span className="member-who">
        <strong>{account.name}</strong>
        <br />
        <span className="muted member-email">{account.email}</span>
        <br />
        <span className="muted">
          {t("atelier.admin.account.summary", {
            affiliation: account.affiliation.kind === "territory" ? account.affiliation.territory.name : t("atelier.account.lab"),
            admin: yesNo(account.isAdmin),
            active: yesNo(account.active),
          })}
        </span>
      </span>
      <button type="button" onClick={() => onEdit(account)}>
        {t("atelier.admin.account.edit")}
        <span className="visually-hidden"> {account.name}</span>
      </button>
      <button type="button" onClick={() => onToggle(account)}>
        {account.active ? t("atelier.admin.account.deactivate") : t("atelier.admin.account.reactivate")}
        <span className="visually-hidden"> {account.name}</span>
      </button>
    </li>
  );
}

function NewAccountForm({ territories, onCreated }: { territories: Territory[]; onCreated(): Promise<void> }) {
  const t = useT();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [affiliation, setAffiliation] = useState("lab");
  const [isAdmin, setIsAdmin] = useState(false);
  const [errors, setErrors] = useState<{ email?: string; name?: string; form?: string }>({});
  const [message, setMessage] = useState("");

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setMessage("");
    const required = t("atelier.form.required");
    const missing = { email: email.trim() ? undefined : required, name: name.trim() ? undefined : required };
    setErrors(missing);
    if (missing.email || missing.name) return focusFirstInvalid(form);
    try {
      await api("POST", "/users", {
        email: email.trim(),
        name: name.trim(),
        isAdmin,
        affiliation: affiliationOf(affiliation),
      });
      setMessage(t("atelier.admin.account.created", { name: name.trim(), email: email.trim() }));
      setEmail("");
      setName("");
      setIsAdmin(false);
      await onCreated();
    } catch (e) {
      const code = e instanceof ApiError ? e.code : "";
      setErrors(code === "email_taken" || code === "invalid_input" ? { email: errorText(e, t) } : { form: errorText(e, t) });
      focusFirstInvalid(form);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <p className="help">{t("atelier.admin.account.noPassword")}</p>
      <Field label={t("atelier.signIn.email")} type="email" autoComplete="off" required value={email} error={errors.email} onChange={(e) => setEmail(e.target.value)} />
      <Field label={t("atelier.account.name")} autoComplete="off" required value={name} error={errors.name} onChange={(e) => setName(e.target.value)} />
      <AccountRoleFields id="account-affiliation" territories={territories} affiliation={affiliation} onAffiliation={setAffiliation} isAdmin={isAdmin} onAdmin={setIsAdmin} />
      <button type="submit">{t("atelier.admin.account.create")}</button>
      <p role="status">{message}</p>
      {errors.form && <ErrorMessage message={errors.form} />}
    </form>
  );
}

export function Accounts({ territories }: { territories: Territory[] }) {
  const t = useT();
  const accounts = useApi<{ users: Account[] }>("/users");
  const [confirming, setConfirming] = useState<Account | null>(null);
  const [editing, setEditing] = useState<Account | null>(null);
  const [message, setMessage] = useState("");
  const [error, setError] = useState("");

  const setActive = async (account: Account, active: boolean) => {
    setConfirming(null);
    setMessage("");
    setError("");
    try {
      await api("PATCH", `/users/${account.id}`, { active });
      setMessage(t(active ? "atelier.admin.account.reactivated" : "atelier.admin.account.deactivated", { name: account.name }));
      await accounts.reload();
    } catch (e) {
      setError(errorText(e, t));
    }
  };

  return (
    <section aria-labelledby="admin-accounts" className="card">
      <h2 id="admin-accounts">{t("atelier.admin.accounts")}</h2>
      {accounts.error && <ErrorMessage message={errorText(accounts.error, t)} />}
      {accounts.data && (
        <ul className="plain members" aria-labelledby="admin-accounts">
          {accounts.data.users.map((a) => (
            <AccountRow
              key={a.id}
              account={a}
              onEdit={setEditing}
              onToggle={(target) => (target.active ? setConfirming(target) : void setActive(target, true))}
            />
          ))}
        </ul>
      )}
      <p role="status">{message}</p>
      {error && <ErrorMessage message={error} />}
      {confirming && (
        <Dialog
          title={t("atelier.admin.account.deactivateTitle")}
          onClose={() => setConfirming(null)}
          submitLabel={t("atelier.admin.account.deactivate")}
          onSubmit={() => void setActive(confirming, false)}
        >
          <p>{t("atelier.admin.account.deactivateExplain", { name: confirming.name })}</p>
        </Dialog>
      )}
      {editing && (
        <AccountEditDialog
          account={editing}
          territories={territories}
          onClose={() => setEditing(null)}
          onSaved={async (name) => {
            setMessage(t("atelier.admin.account.saved", { name }));
            await accounts.reload();
          }}
        />
      )}
      <h3>{t("atelier.admin.account.new")}</h3>
      <NewAccountForm territories={territories} onCreated={accounts.reload} />
    </section>
  );
}
