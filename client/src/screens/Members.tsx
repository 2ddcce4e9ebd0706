// A programme's members for its leads: change a role or remove someone (each confirmed), invite (a partner with a territory), pending invitations.
import type { MemberView } from "../../../server/api/programmes/presenter.ts";
import { ROLES } from "../../../server/domain/types.ts";
import { type FormEvent, useState } from "react";
import { api } from "../api.ts";
import { useT } from "../i18n.tsx";
import { NeedsConnection, useOnline } from "../offline/NeedsConnection.tsx";
import { type Role, useSession } from "../session.tsx";
import { Dialog } from "../ui/Dialog.tsx";
import { errorText } from "../ui/errors.ts";
import { Field } from "../ui/Field.tsx";
import { ErrorMessage } from "../ui/Page.tsx";
import { TerritorySelect } from "../ui/TerritorySelect.tsx";
import { useApi } from "../ui/useApi.ts";
import { type Invitation, PendingInvitations } from "./PendingInvitations.tsx";

type Member = MemberView;
type Pending = { kind: "role"; member: Member; role: Role } | { kind: "remove"; member: Member };


function RoleSelect({ id, value, onChange, label }: { id: string; value: Role; onChange(r: Role): void; label?: string }) {
  const t = useT();
  return (
    <select id={id} value={value} aria-label={label} onChange={(e) => onChange(e.target.value as Role)}>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {t(`atelier.role.${r}`)}
        </option>
      ))}
    </select>
  );
}

function MemberRow({ m, isMe, onAsk }: { m: Member; isMe: boolean; onAsk(p: Pending): void }) {
  const t = useT();
  const [role, setRole] = useState<Role>(m.role);
  return (
    <li className="member">
      <span className="member-who">
        <strong>{m.name}</strong>
        {isMe ? ` (${t("atelier.members.you")})` : ""} — {t(`atelier.role.${m.role}`)}
        {m.territory ? ` · ${m.territory.name}` : ""}
        <br />
        <span className="muted member-email">{m.email}</span>
      </span>
      <span className="member-actions">
        <RoleSelect id={`role-${m.userId}`} value={role} onChange={setRole} label={t("atelier.members.roleOf", { name: m.name })} />
        <button type="button" disabled={role === m.role} onClick={() => onAsk({ kind: "role", member: m, role })}>
          {t("atelier.members.changeRole")}
          <span className="visually-hidden"> ({m.name})</span>
        </button>
        <button type="button" onClick={() => onAsk({ kind: "remove", member: m })}>
          {t("atelier.members.remove")}
          <span className="visually-hidden"> {m.name}</span>
        </button>
      </span>
    </li>
  );
}

/** `onOwnRoleChanged`: the programme screen reloads what it may show (its abilities). */
export function Members({ programmeId, onOwnRoleChanged }: { programmeId: string; onOwnRoleChanged(): Promise<void> }) {
  const t = useT();
  const { me, refresh } = useSession();
  const members = useApi<{ members: Member[] }>(`/programmes/${programmeId}/members`);
  const [pending, setPending] = useState<Pending | null>(null);
  // Bumped after each answer so the rows' role pickers start again from what the server holds.
  const [round, setRound] = useState(0);
  const [listMessage, setListMessage] = useState("");
  const [listError, setListError] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("editor");
  const [territoryId, setTerritoryId] = useState("");
  const territories = useApi<{ territories: { id: string; name: string }[] }>("/territories");
  const invitations = useApi<{ invitations: Invitation[] }>(`/programmes/${programmeId}/invitations`);
  const [message, setMessage] = useState("");
  const [error, setError] = useState("");
  const online = useOnline();

  const apply = async () => {
    if (!pending) return;
    const { member } = pending;
    const path = `/programmes/${programmeId}/members/${encodeURIComponent(member.userId)}`;
    setPending(null);
    setListError("");
    setListMessage("");
    try {
      if (pending.kind === "role") {
        await api("PATCH", path, { role: pending.role });
        setListMessage(t("atelier.members.changed", { name: member.name, role: t(`atelier.role.${pending.role}`) }));
      } else {
        await api("DELETE", path);
        setListMessage(t("atelier.members.removed", { name: member.name }));
      }
      // Changing one's own role changes what this screen may show.
      if (member.userId === me?.user.id) await Promise.all([refresh(), onOwnRoleChanged()]);
      await members.reload();
    } catch (e) {
      setListError(errorText(e, t));
    }
    setRound((n) => n + 1);
  };

  const invite = async (event: FormEvent) => {
    event.preventDefault();
    setError("");
    setMessage("");
    try {
      await api("POST", `/programmes/${programmeId}/invitations`, { email, role, ...(role === "partner" && territoryId ? { territoryId } : {}) });
      setMessage(t("atelier.members.invited", { email }));
      setEmail("");
      await invitations.reload();
    } catch (e) {
      setError(errorText(e, t));
    }
  };

  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title">{t("atelier.members.title")}</h2>
      {members.error && <ErrorMessage message={errorText(members.error, t)} />}
      {members.data && (
        <ul className="plain members" aria-label={t("atelier.members.list")}>
          {members.data.members.map((m) => (
            <MemberRow key={`${m.userId}-${m.role}-${round}`} m={m} isMe={m.userId === me?.user.id} onAsk={setPending} />
          ))}
        </ul>
      )}
      <p role="status">{listMessage}</p>
      {listError && <ErrorMessage message={listError} />}
      {pending?.kind === "role" && (
        <Dialog title={t("atelier.members.changeTitle")} onClose={() => setPending(null)} onSubmit={apply} submitLabel={t("atelier.members.changeRole")}>
          <p>
            {t("atelier.members.changeExplain", {
              name: pending.member.name,
              from: t(`atelier.role.${pending.member.role}`),
              to: t(`atelier.role.${pending.role}`),
            })}
          </p>
        </Dialog>
      )}
      {pending?.kind === "remove" && (
        <Dialog title={t("atelier.members.removeTitle")} onClose={() => setPending(null)} onSubmit={apply} submitLabel={t("atelier.members.remove")}>
          <p>{t("atelier.members.removeExplain", { name: pending.member.name })}</p>
        </Dialog>
      )}
      <h3>{t("atelier.members.invite")}</h3>
      <form onSubmit={invite} className="narrow">
        <Field label={t("atelier.signIn.email")} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <div className="field">
          <label htmlFor="invite-role">{t("atelier.members.role")}</label>
          <RoleSelect id="invite-role" value={role} onChange={setRole} />
        </div>
        {role === "partner" && (
          <TerritorySelect
            id="invite-territory"
            label={t("atelier.members.territory")}
            value={territoryId}
            territories={territories.data?.territories ?? []}
            onChange={setTerritoryId}
          />
        )}
        <NeedsConnection what="atelier.offline.invite" />
        <button type="submit" disabled={!online}>
          {t("atelier.members.send")}
        </button>
        <p role="status">{message}</p>
        {error && <ErrorMessage message={error} />}
      </form>
      <PendingInvitations programmeId={programmeId} invitations={invitations} />
    </section>
  );
}
