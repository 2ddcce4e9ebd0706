// A programme's invitations not yet accepted, for its leads: who, which role (and territory), resend a new link or revoke.
import { useState } from "react";
import { api } from "../api.ts";
import { formatDate, useLang, useT } from "../i18n.tsx";
import type { Role } from "../session.tsx";
import { Dialog } from "../ui/Dialog.tsx";
import { errorText } from "../ui/errors.ts";
import { ErrorMessage } from "../ui/Page.tsx";
import type { Loaded } from "../ui/useApi.ts";

export type Invitation = { id: string; email: string; role: Role; territory: { id: string; name: string } | null; expiresAt: string };

export function PendingInvitations({ programmeId, invitations }: { programmeId: string; invitations: Loaded<{ invitations: Invitation[] }> }) {
  const t = useT();
  const { lang } = useLang();
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const [message, setMessage] = useState("");
  const [error, setError] = useState("");
  const path = (i: Invitation) => `/programmes/${programmeId}/invitations/${i.id}`;

  const act = async (run: () => Promise<unknown>, done: string) => {
    setMessage("");
    setError("");
    try {
      await run();
      setMessage(done);
      await invitations.reload();
    } catch (e) {
      setError(errorText(e, t));
    }
  };
  const list = invitations.data?.invitations ?? [];

  return (
    <section aria-labelledby="pending-invitations">
      <h3 id="pending-invitations">{t("atelier.invitations.pending")}</h3>
      {invitations.error && <ErrorMessage message={errorText(invitations.error, t)} />}
      {invitations.data && list.length === 0 && <p className="muted">{t("atelier.invitations.none")}</p>}
      {list.length > 0 && (
        <ul className="plain members" aria-labelledby="pending-invitations">
          {list.map((i) => (
            <li key={i.id} className="member">
              <span className="member-who">
                <strong>{i.email}</strong> — {t(`atelier.role.${i.role}`)}
                {i.territory ? ` · ${i.territory.name}` : ""}
                <br />
                <span className="muted">{t("atelier.invitations.expires", { date: formatDate(lang, i.expiresAt) })}</span>
              </span>
              <span className="member-actions">
                <button type="button" onClick={() => act(() => api("POST", `${path(i)}/resend`, {}), t("atelier.invitations.resent", { email: i.email }))}>
                  {t("atelier.invitations.resend")}
                  <span className="visually-hidden"> {i.email}</span>
                </button>
                <button type="button" onClick={() => setRevoking(i)}>
                  {t("atelier.invitations.revoke")}
                  <span className="visually-hidden"> {i.email}</span>
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <p role="status">{message}</p>
      {error && <ErrorMessage message={error} />}
      {revoking && (
        <Dialog
          title={t("atelier.invitations.revokeTitle")}
          onClose={() => setRevoking(null)}
          submitLabel={t("atelier.invitations.revoke")}
          onSubmit={() => {
            const target = revoking;
            setRevoking(null);
            void act(() => api("DELETE", path(target)), t("atelier.invitations.revoked", { email: target.email }));
          }}
        >
          <p>{t("atelier.invitations.revokeExplain", { email: revoking.email })}</p>
        </Dialog>
      )}
    </section>
  );
}
