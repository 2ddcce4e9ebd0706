// The instance's partner territories for the admin: list, add (name and kind), rename.
import { type FormEvent, useState } from "react";
import { TERRITORY_KINDS, type TerritoryKind } from "../../../../server/domain/types.ts";
import { api } from "../../api.ts";
import { useT } from "../../i18n.tsx";
import { Dialog } from "../../ui/Dialog.tsx";
import { errorText } from "../../ui/errors.ts";
import { Field } from "../../ui/Field.tsx";
import { focusFirstInvalid } from "../../ui/focus.ts";
import { ErrorMessage } from "../../ui/Page.tsx";
import { SiretDialog } from "./TerritorySirets.tsx";
import type { Territory } from "./types.ts";

function RenameDialog({ territory, onDone, onClose }: { territory: Territory; onDone(name: string): Promise<void>; onClose(): void }) {
  const t = useT();
  const [name, setName] = useState(territory.name);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    if (!name.trim()) {
      setError(t("atelier.form.required"));
      focusFirstInvalid(form);
      return;
    }
    setBusy(true);
    try {
      await api("PATCH", `/territories/${territory.id}`, { name: name.trim() });
      await onDone(name.trim());
    } catch (e) {
      setError(errorText(e, t));
      focusFirstInvalid(form);
      setBusy(false);
    }
  };
  return (
    <Dialog title={t("atelier.admin.territory.renameTitle")} onClose={onClose} onSubmit={submit} submitLabel={t("atelier.admin.territory.rename")} busy={busy}>
      <Field label={t("atelier.admin.territory.newName")} required value={name} error={error || undefined} onChange={(e) => setName(e.target.value)} />
    </Dialog>
  );
}

export function Territories({ territories, reload }: { territories: Territory[]; reload(): Promise<void> }) {
  const t = useT();
  const [name, setName] = useState("");
  const [kind, setKind] = useState<TerritoryKind>("commune");
  const [nameError, setNameError] = useState("");
  const [error, setError] = useState("");
  const [message, setMessage] = useState("");
  const [renaming, setRenaming] = useState<Territory | null>(null);
  const [mapping, setMapping] = useState<Territory | null>(null);

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setMessage("");
    setError("");
    setNameError(name.trim() ? "" : t("atelier.form.required"));
    if (!name.trim()) return focusFirstInvalid(form);
    try {
      await api("POST", "/territories", { name: name.trim(), kind });
      setMessage(t("atelier.admin.territory.created", { name: name.trim() }));
      setName("");
      await reload();
    } catch (e) {
      setError(errorText(e, t));
    }
  };

  return (
    <section aria-labelledby="admin-territories" className="card">
      <h2 id="admin-territories">{t("atelier.admin.territories")}</h2>
      {territories.length === 0 ? (
        <p className="muted">{t("atelier.admin.territories.none")}</p>
      ) : (
        <ul className="plain members" aria-labelledby="admin-territories">
          {territories.map((territory) => (
            <li key={territory.id} className="member">
              <span className="member-who">
                <strong>{territory.name}</strong> <span className="muted">— {t(`public.kind.${territory.kind}`)}</span>
              </span>
              <button type="button" onClick={() => setRenaming(territory)}>
                {t("atelier.admin.territory.rename")}
                <span className="visually-hidden"> {territory.name}</span>
              </button>
              <button type="button" onClick={() => setMapping(territory)}>
                {t("oidc.admin.siretsButton", { count: territory.sirets.length })}
                <span className="visually-hidden"> {territory.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <p role="status">{message}</p>
      {renaming && (
        <RenameDialog
          territory={renaming}
          onClose={() => setRenaming(null)}
          onDone={async (newName) => {
            setRenaming(null);
            setMessage(t("atelier.admin.territory.renamed", { name: newName }));
            await reload();
          }}
        />
      )}
      {mapping && (
        <SiretDialog
          territory={mapping}
          onClose={() => setMapping(null)}
          onDone={async () => {
            setMapping(null);
            setMessage(t("oidc.admin.siretsSaved", { name: mapping.name }));
            await reload();
          }}
        />
      )}
      <h3>{t("atelier.admin.territory.new")}</h3>
      <form onSubmit={create} noValidate>
        <Field label={t("atelier.admin.territory.name")} required value={name} error={nameError || undefined} onChange={(e) => setName(e.target.value)} />
        <div className="field">
          <label htmlFor="territory-kind">{t("atelier.admin.territory.kind")}</label>
          <select id="territory-kind" value={kind} onChange={(e) => setKind(e.target.value as TerritoryKind)}>
            {TERRITORY_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`public.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t("atelier.admin.territory.create")}</button>
        {error && <ErrorMessage message={error} />}
      </form>
    </section>
  );
}
