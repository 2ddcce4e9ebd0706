// The admin edits an account's name, territory (or the lab) and admin flag, in a dialog.
import { type FormEvent, useState } from "react";
import { api } from "../../api.ts";
import { useT } from "../../i18n.tsx";
import { Dialog } from "../../ui/Dialog.tsx";
import { errorText } from "../../ui/errors.ts";
import { Field } from "../../ui/Field.tsx";
import { focusFirstInvalid } from "../../ui/focus.ts";
import { ErrorMessage } from "../../ui/Page.tsx";
import { AccountRoleFields } from "./AccountRoleFields.tsx";
import { type Account, affiliationOf, type Territory } from "./types.ts";

type Props = { account: Account; territories: Territory[]; onClose(): void; onSaved(name: string): Promise<void> };

export function AccountEditDialog({ account, territories, onClose, onSaved }: Props) {
  const t = useT();
  const [name, setName] = useState(account.name);
  const [affiliation, setAffiliation] = useState(account.affiliation.kind === "territory" ? account.affiliation.territory.id : "lab");
  const [isAdmin, setIsAdmin] = useState(account.isAdmin);
  const [nameError, setNameError] = useState<string | undefined>();
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  const save = async (event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    setNameError(name.trim() ? undefined : t("atelier.form.required"));
    if (!name.trim()) return focusFirstInvalid(form);
    setBusy(true);
    try {
      await api("PATCH", `/users/${account.id}`, { name: name.trim(), affiliation: affiliationOf(affiliation), isAdmin });
      onClose();
      await onSaved(name.trim());
    } catch (e) {
      setError(errorText(e, t));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t("atelier.admin.account.editTitle", { name: account.name })} onClose={onClose} onSubmit={save} submitLabel={t("atelier.save")} busy={busy}>
      <Field label={t("atelier.account.name")} autoComplete="off" required value={name} error={nameError} onChange={(e) => setName(e.target.value)} />
      <AccountRoleFields id="edit-affiliation" territories={territories} affiliation={affiliation} onAffiliation={setAffiliation} isAdmin={isAdmin} onAdmin={setIsAdmin} />
      {error && <ErrorMessage message={error} />}
    </Dialog>
  );
}
