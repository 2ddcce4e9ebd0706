// The admin's dialog for a territory's SIRET numbers: provider accounts with one of them belong to the territory.
import { useState } from "react";
import { api } from "../../api.ts";
import { useT } from "../../i18n.tsx";
import { Dialog } from "../../ui/Dialog.tsx";
import { errorText } from "../../ui/errors.ts";
import { AreaField } from "../../ui/Field.tsx";
import { ErrorMessage } from "../../ui/Page.tsx";
import type { Territory } from "./types.ts";

export function SiretDialog({ territory, onDone, onClose }: { territory: Territory; onDone(): Promise<void>; onClose(): void }) {
  const t = useT();
  const [value, setValue] = useState(territory.sirets.join("\n"));
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError("");
    try {
      // One number per line (or comma), written with or without its spaces.
      const sirets = value.split(/[\n,;]+/).map((s) => s.replace(/\D/g, "")).filter(Boolean);
      await api("PUT", `/territories/${territory.id}/sirets`, { sirets });
      await onDone();
    } catch (e) {
      setError(errorText(e, t));
      setBusy(false);
    }
  };
  return (
    <Dialog title={t("oidc.admin.sirets")} onClose={onClose} onSubmit={submit} submitLabel={t("oidc.admin.siretsSave")} busy={busy}>
      <AreaField label={`${t("oidc.admin.sirets")} — ${territory.name}`} help={t("oidc.admin.siretsHint")} rows={4} value={value} onChange={(e) => setValue(e.target.value)} />
      {error && <ErrorMessage message={error} />}
    </Dialog>
  );
}
