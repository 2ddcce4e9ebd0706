// A lead's settings form: everything the public journal shows (presentation, period, partners, funders, links, contact, licence).
import { type FormEvent, useState } from "react";
import type { ProgrammeView } from "../../../server/api/programmes/presenter.ts";
import { PROGRAMME_LIMITS } from "../../../server/domain/limits.ts";
import { normaliseThemes } from "../../../server/domain/themes.ts";
import type { ProgrammeSettings as SettingsChanges } from "../../../server/services/programmes.ts";
import { api } from "../api.ts";
import { useT } from "../i18n.tsx";
import { errorText } from "../ui/errors.ts";
import { AreaField, Field } from "../ui/Field.tsx";
import { ErrorMessage } from "../ui/Page.tsx";
import { useApi } from "../ui/useApi.ts";

export type Programme = ProgrammeView;
type ResourceLink = Programme["resources"][number];

type Territory = { id: string; name: string };

const lines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

/** The "À consulter" links, one row each (label and address), added and removed in place. */
function ResourcesFieldset({ value, onChange }: { value: ResourceLink[]; onChange(next: ResourceLink[]): void }) {
  const t = useT();
  const set = (i: number, field: keyof ResourceLink, text: string) => onChange(value.map((r, j) => (j === i ? { ...r, [field]: text } : r)));
  return (
    <fieldset className="field">
      <legend>{t("atelier.settings.resources")}</legend>
      {value.length === 0 && <p className="help">{t("atelier.settings.noResource")}</p>}
      {value.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own until saved.
        <div className="resource-row" key={i}>
          <Field label={t("atelier.settings.resourceLabel", { n: i + 1 })} required value={r.label} onChange={(e) => set(i, "label", e.target.value)} />
          <Field label={t("atelier.settings.resourceUrl", { n: i + 1 })} type="url" required value={r.url} onChange={(e) => set(i, "url", e.target.value)} />
          <button type="button" onClick={() => onChange(value.filter((_, j) => j !== i))}>
            {t("atelier.settings.removeResource", { n: i + 1 })}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...value, { label: "", url: "" }])}>
        {t("atelier.settings.addResource")}
      </button>
    </fieldset>
  );
}

/** The partner territories, ticked among the instance's territories. */
function TerritoriesFieldset({ value, onChange }: { value: string[]; onChange(next: string[]): void }) {
  const t = useT();
  const territories = useApi<{ territories: Territory[] }>("/territories");
  const all = territories.data?.territories ?? [];
  return (
    <fieldset className="field">
      <legend>{t("atelier.settings.territories")}</legend>
      {territories.error && <ErrorMessage message={errorText(territories.error, t)} />}
      {!territories.loading && all.length === 0 && <p className="help">{t("atelier.settings.noTerritory")}</p>}
      <ul className="plain checks">
        {all.map((territory) => (
          <li key={territory.id}>
            <label>
              <input
                type="checkbox"
                checked={value.includes(territory.id)}
                onChange={(e) => onChange(e.target.checked ? [...value, territory.id] : value.filter((id) => id !== territory.id))}
              />{" "}
              {territory.name}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export function ProgrammeSettings({ programme, onSaved }: { programme: Programme; onSaved(p: Programme): void }) {
  const t = useT();
  const [title, setTitle] = useState(programme.title);
  const [tagline, setTagline] = useState(programme.tagline);
  const [intro, setIntro] = useState(programme.intro);
  const [status, setStatus] = useState(programme.status);
  const [start, setStart] = useState(programme.period.start);
  const [end, setEnd] = useState(programme.period.end ?? "");
  const [territoryIds, setTerritoryIds] = useState(programme.territoryIds);
  const [funders, setFunders] = useState(programme.funders.join("\n"));
  const [resources, setResources] = useState(programme.resources);
  const [contactEmail, setContactEmail] = useState(programme.contactEmail ?? "");
  const [licence, setLicence] = useState(programme.licence);
  const [themes, setThemes] = useState(programme.themes.map((theme) => theme.label).join("\n"));
  const [message, setMessage] = useState("");
  const [error, setError] = useState("");
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError("");
    setMessage("");
    try {
      const changes: SettingsChanges = {
        title,
        tagline,
        intro,
        status,
        period: { start, end: end || null },
        territoryIds,
        funders: lines(funders),
        resources: resources.map((r) => ({ label: r.label.trim(), url: r.url.trim() })),
        contactEmail: contactEmail.trim() || null,
        licence,
        // A label kept as it was keeps its theme's address and the episodes that carry it.
        themes: normaliseThemes(lines(themes).map((label) => ({ label, slug: programme.themes.find((th) => th.label === label)?.slug }))),
      };
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
        <Field label={t("atelier.programme.fieldTitle")} required maxLength={PROGRAMME_LIMITS.title} value={title} onChange={(e) => setTitle(e.target.value)} />
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
        <Field label={t("atelier.settings.start")} type="month" required value={start} onChange={(e) => setStart(e.target.value)} help={t("atelier.settings.monthHelp")} />
        <Field label={t("atelier.settings.end")} type="month" value={end} onChange={(e) => setEnd(e.target.value)} help={t("atelier.settings.endHelp")} />
        <TerritoriesFieldset value={territoryIds} onChange={setTerritoryIds} />
        <AreaField label={t("atelier.settings.funders")} rows={3} value={funders} onChange={(e) => setFunders(e.target.value)} help={t("atelier.settings.fundersHelp")} />
        <AreaField label={t("atelier.settings.themes")} rows={4} value={themes} onChange={(e) => setThemes(e.target.value)} help={t("atelier.settings.themesHelp", { max: PROGRAMME_LIMITS.themes })} />
        <ResourcesFieldset value={resources} onChange={setResources} />
        <Field label={t("atelier.programme.fieldContact")} type="email" maxLength={PROGRAMME_LIMITS.email} value={contactEmail} onChange={(e) => setContactEmail(e.target.value)} />
        <Field label={t("atelier.settings.licence")} required maxLength={PROGRAMME_LIMITS.licence} value={licence} onChange={(e) => setLicence(e.target.value)} help={t("atelier.settings.licenceHelp")} />
        <button type="submit" className="primary">
          {t("atelier.save")}
        </button>
        <p role="status">{message}</p>
        {error && <ErrorMessage message={error} />}
      </form>
    </section>
  );
}
