// A programme: its episodes (and "Nouvel épisode"), and for leads its settings, members and invitations.
import { type FormEvent, useEffect, useState } from "react";
import type { ProgrammeView } from "../../../server/api/programmes/presenter.ts";
import { PROGRAMME_LIMITS } from "../../../server/domain/limits.ts";
import type { ProgrammeSettings } from "../../../server/services/programmes.ts";
import { api } from "../api.ts";
import { createEpisode, type Episode, listEpisodes } from "../episodes.ts";
import { formatDate, useLang, useT } from "../i18n.tsx";
import { Link, navigate } from "../router.tsx";
import { useSession } from "../session.tsx";
import { Dialog } from "../ui/Dialog.tsx";
import { AreaField, Field } from "../ui/Field.tsx";
import { ErrorMessage, Loading, Page } from "../ui/Page.tsx";
import { useApi } from "../ui/useApi.ts";
import { Members } from "./Members.tsx";
import { errorText } from "../ui/errors.ts";
import { StatusBadge } from "./statusBadge.tsx";

export type Programme = ProgrammeView;

function EpisodesTable({ programmeId, canCreate }: { programmeId: string; canCreate: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const [episodes, setEpisodes] = useState<Episode[] | null>(null);
  const [error, setError] = useState("");
  const [creating, setCreating] = useState(false);
  const [title, setTitle] = useState("");
  useEffect(() => {
    listEpisodes(programmeId).then(setEpisodes, (e) => setError(errorText(e, t)));
  }, [programmeId, t]);
  const create = async () => {
    try {
      const episode = await createEpisode(programmeId, title.trim() || t("atelier.episode.untitled"));
      navigate(`/episodes/${episode.id}`);
    } catch (e) {
      setError(errorText(e, t));
      setCreating(false);
    }
  };
  return (
    <section aria-labelledby="episodes-title">
      <div className="section-head">
        <h2 id="episodes-title">{t("atelier.programme.episodes")}</h2>
        {canCreate && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            {t("atelier.programme.newEpisode")}
          </button>
        )}
      </div>
      {error && <ErrorMessage message={error} />}
      {episodes === null && !error && <Loading label={t("atelier.loading")} />}
      {episodes && episodes.length === 0 && <p className="muted">{t("atelier.programme.noEpisode")}</p>}
      {episodes && episodes.length > 0 && (
        <table className="episodes">
          <thead>
            <tr>
              <th scope="col">{t("atelier.programme.col.number")}</th>
              <th scope="col">{t("atelier.programme.col.title")}</th>
              <th scope="col">{t("atelier.programme.col.status")}</th>
              <th scope="col">{t("atelier.programme.col.updated")}</th>
              <th scope="col">{t("atelier.programme.col.published")}</th>
            </tr>
          </thead>
          <tbody>
            {episodes.map((e) => (
              <tr key={e.id}>
                {/* data-label: the column's name beside each cell when a phone stacks the rows. */}
                <td data-label={t("atelier.programme.col.number")}>{e.number !== null ? `#${e.number}` : "—"}</td>
                <td data-label={t("atelier.programme.col.title")}>
                  <Link to={`/episodes/${e.id}`}>{e.title}</Link>
                </td>
                <td data-label={t("atelier.programme.col.status")}>
                  <StatusBadge status={e.status} number={null} />
                </td>
                <td data-label={t("atelier.programme.col.updated")}>{formatDate(lang, e.updatedAt)}</td>
                <td data-label={t("atelier.programme.col.published")}>{formatDate(lang, e.firstPublishedAt) || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating && (
        <Dialog title={t("atelier.programme.newEpisode")} onClose={() => setCreating(false)} onSubmit={create} submitLabel={t("atelier.programme.create")}>
          <Field label={t("atelier.episode.titleField")} value={title} autoFocus onChange={(e) => setTitle(e.target.value)} />
        </Dialog>
      )}
    </section>
  );
}

function Settings({ programme, onSaved }: { programme: Programme; onSaved(p: Programme): void }) {
  const t = useT();
  const [title, setTitle] = useState(programme.title);
  const [tagline, setTagline] = useState(programme.tagline);
  const [intro, setIntro] = useState(programme.intro);
  const [status, setStatus] = useState(programme.status);
  const [contactEmail, setContactEmail] = useState(programme.contactEmail ?? "");
  const [message, setMessage] = useState("");
  const [error, setError] = useState("");
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError("");
    try {
      const changes: Partial<ProgrammeSettings> = { title, tagline, intro, status, contactEmail: contactEmail.trim() || null };
      const res = await api<{ programme: Programme }>("PATCH", `/programmes/${programme.id}`, changes);
      onSaved(res.programme);
      setMessage(t("atelier.programme.saved"));
    } catch (e) {
      setError(errorText(e, t));
    }
  };
  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title">{t("atelier.programme.settings")}</h2>
      <form onSubmit={save} className="narrow">
        <Field
          label={t("atelier.programme.fieldTitle")}
          required
          maxLength={PROGRAMME_LIMITS.title}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <Field label={t("atelier.programme.fieldTagline")} maxLength={PROGRAMME_LIMITS.tagline} value={tagline} onChange={(e) => setTagline(e.target.value)} />
        <AreaField label={t("atelier.programme.fieldIntro")} rows={5} maxLength={PROGRAMME_LIMITS.intro} value={intro} onChange={(e) => setIntro(e.target.value)} help={t("atelier.programme.introHelp")} />
        <div className="field">
          <label htmlFor="programme-status">{t("atelier.programme.fieldStatus")}</label>
          <select id="programme-status" value={status} onChange={(e) => setStatus(e.target.value as Programme["status"])}>
            <option value="preparing">{t("atelier.programme.status.preparing")}</option>
            <option value="running">{t("atelier.programme.status.running")}</option>
            <option value="finished">{t("atelier.programme.status.finished")}</option>
          </select>
        </div>
        <Field label={t("atelier.programme.fieldContact")} type="email" maxLength={PROGRAMME_LIMITS.email} value={contactEmail} onChange={(e) => setContactEmail(e.target.value)} />
        <button type="submit" className="primary">
          {t("atelier.save")}
        </button>
        <p role="status">{message}</p>
        {error && <ErrorMessage message={error} />}
      </form>
    </section>
  );
}

export function ProgrammeScreen({ programmeId }: { programmeId: string }) {
  const t = useT();
  const { me } = useSession();
  const loaded = useApi<{ programme: Programme }>(`/programmes/${programmeId}`);
  const [programme, setProgramme] = useState<Programme | null>(null);
  const current = programme ?? loaded.data?.programme ?? null;
  const reloadProgramme = async () => {
    setProgramme(null);
    await loaded.reload();
  };
  const membership = me?.memberships.find((m) => m.programme.id === programmeId);
  if (loaded.loading) return <Loading label={t("atelier.loading")} />;
  const title = current?.title ?? membership?.programme.title ?? t("atelier.programme.title");
  return (
    <Page title={title}>
      {loaded.error && !membership && <ErrorMessage message={errorText(loaded.error, t)} />}
      {current?.tagline && <p className="summary">{current.tagline}</p>}
      {(current || membership) && (
        <p>
          <a href={`/carnets/${current?.slug ?? membership?.programme.slug}`}>{t("atelier.programme.publicPage")}</a>
        </p>
      )}
      <EpisodesTable programmeId={programmeId} canCreate={current?.abilities.createEpisode ?? false} />
      {current?.abilities.edit && <Settings programme={current} onSaved={setProgramme} />}
      {current?.abilities.manageMembers && <Members programmeId={programmeId} onOwnRoleChanged={reloadProgramme} />}
    </Page>
  );
}
