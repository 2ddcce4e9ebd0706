// The instance's programmes for the admin: each links to its screen (settings, members); create a new one.
import { type FormEvent, useState } from "react";
import type { ProgrammeView } from "../../../../server/api/programmes/presenter.ts";
import { MONTH_PATTERN, PROGRAMME_LIMITS } from "../../../../server/domain/limits.ts";
import { SLUG_MAX } from "../../../../server/domain/slug.ts";
import { PROGRAMME_STATUSES } from "../../../../server/domain/types.ts";
import type { NewProgramme } from "../../../../server/services/programmes.ts";
import { ApiError, api } from "../../api.ts";
import { useT } from "../../i18n.tsx";
import { Link } from "../../router.tsx";
import { errorText } from "../../ui/errors.ts";
import { Field } from "../../ui/Field.tsx";
import { focusFirstInvalid } from "../../ui/focus.ts";
import { ErrorMessage } from "../../ui/Page.tsx";
import { useApi } from "../../ui/useApi.ts";
type Status = ProgrammeView["status"];
type Errors = { title?: string; slug?: string; start?: string; form?: string };

function NewProgrammeForm({ onCreated }: { onCreated(): Promise<void> }) {
  const t = useT();
  const [title, setTitle] = useState("");
  const [slug, setSlug] = useState("");
  const [tagline, setTagline] = useState("");
  const [status, setStatus] = useState<Status>("preparing");
  const [start, setStart] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [created, setCreated] = useState<{ id: string; title: string } | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setCreated(null);
    const found: Errors = {
      title: title.trim() ? undefined : t("atelier.form.required"),
      start: start === "" || MONTH_PATTERN.test(start) ? undefined : t("atelier.admin.programme.startInvalid"),
    };
    setErrors(found);
    if (found.title || found.start) return focusFirstInvalid(form);
    try {
      const body: NewProgramme = {
        title: title.trim(),
        status,
        ...(slug.trim() ? { slug: slug.trim() } : {}),
        ...(tagline.trim() ? { tagline: tagline.trim() } : {}),
        ...(start ? { period: { start, end: null } } : {}),
      };
      const { programme } = await api<{ programme: ProgrammeView }>("POST", "/programmes", body);
      setCreated(programme);
      setTitle("");
      setSlug("");
      setTagline("");
      setStart("");
      await onCreated();
    } catch (e) {
      const code = e instanceof ApiError ? e.code : "";
      // slug_taken here is about programmes, not the episodes the shared catalogue text speaks of.
      if (code === "slug_taken") setErrors({ slug: t("atelier.admin.programme.slugTaken") });
      else if (code === "invalid_slug") setErrors({ slug: errorText(e, t) });
      else setErrors({ form: errorText(e, t) });
      focusFirstInvalid(form);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Field
        label={t("atelier.programme.fieldTitle")}
        required
        maxLength={PROGRAMME_LIMITS.title}
        value={title}
        error={errors.title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <Field
        label={t("atelier.admin.programme.slug")}
        help={t("atelier.admin.programme.slugHelp")}
        maxLength={SLUG_MAX}
        value={slug}
        error={errors.slug}
        onChange={(e) => setSlug(e.target.value)}
      />
      <Field label={t("atelier.admin.programme.tagline")} maxLength={PROGRAMME_LIMITS.tagline} value={tagline} onChange={(e) => setTagline(e.target.value)} />
      <div className="field">
        <label htmlFor="new-programme-status">{t("atelier.programme.fieldStatus")}</label>
        <select id="new-programme-status" value={status} onChange={(e) => setStatus(e.target.value as Status)}>
          {PROGRAMME_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`atelier.programme.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <Field
        label={t("atelier.admin.programme.start")}
        help={t("atelier.admin.programme.startHelp")}
        inputMode="numeric"
        placeholder="2026-09"
        value={start}
        error={errors.start}
        onChange={(e) => setStart(e.target.value.trim())}
      />
      <button type="submit">{t("atelier.admin.programme.create")}</button>
      <div role="status">
        {created && (
          <p>
            {t("atelier.admin.programme.created", { title: created.title })}{" "}
            <Link to={`/programmes/${created.id}`}>{t("atelier.admin.programme.open", { title: created.title })}</Link>
          </p>
        )}
      </div>
      {errors.form && <ErrorMessage message={errors.form} />}
    </form>
  );
}

export function Programmes() {
  const t = useT();
  const list = useApi<{ programmes: ProgrammeView[] }>("/programmes");
  return (
    <section aria-labelledby="admin-programmes" className="card">
      <h2 id="admin-programmes">{t("atelier.admin.programmes")}</h2>
      {list.error && <ErrorMessage message={errorText(list.error, t)} />}
      {list.data && list.data.programmes.length === 0 && <p className="muted">{t("atelier.admin.programmes.none")}</p>}
      {list.data && list.data.programmes.length > 0 && (
        <ul className="plain" aria-labelledby="admin-programmes">
          {list.data.programmes.map((p) => (
            <li key={p.id}>
              <Link to={`/programmes/${p.id}`}>{p.title}</Link> <span className="muted">({t(`atelier.programme.status.${p.status}`)})</span>
            </li>
          ))}
        </ul>
      )}
      <h3>{t("atelier.admin.programme.new")}</h3>
      <NewProgrammeForm onCreated={list.reload} />
    </section>
  );
}
