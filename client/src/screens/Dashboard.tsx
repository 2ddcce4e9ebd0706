// The dashboard: "Nouvel épisode", my programmes, my drafts, episodes in review, recently published.
import { useEffect, useState } from "react";
import { type Episode, listEpisodes } from "../episodes.ts";
import { formatDate, useLang, useT } from "../i18n.tsx";
import { Link } from "../router.tsx";
import { useSession } from "../session.tsx";
import { Loading, Page } from "../ui/Page.tsx";
import { NewEpisodeButton } from "./NewEpisode.tsx";
import { StatusBadge } from "./statusBadge.tsx";
import { ScheduledNote } from "./ScheduledNote.tsx";

type Row = Episode & { programmeTitle: string };

function EpisodeList({ id, title, rows, empty, date }: { id: string; title: string; rows: Row[]; empty: string; date: (e: Row) => string | null }) {
  const { lang } = useLang();
  return (
    <section aria-labelledby={id} className="card">
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="plain">
          {rows.map((e) => (
            <li key={e.id}>
              <Link to={`/episodes/${e.id}`}>{e.title}</Link> <StatusBadge status={e.status} number={e.number} />{" "}
              <ScheduledNote schedule={e.schedule} />
              <br />
              <span className="muted">
                {e.programmeTitle} · {formatDate(lang, date(e))}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function Dashboard() {
  const t = useT();
  const { me } = useSession();
  const [rows, setRows] = useState<Row[] | null>(null);
  useEffect(() => {
    if (!me) return;
    Promise.all(
      me.memberships.map(async (m) => {
        try {
          return (await listEpisodes(m.programme.id)).map((e) => ({ ...e, programmeTitle: m.programme.title }));
        } catch {
          return [];
        }
      }),
    ).then((lists) => setRows(lists.flat()));
  }, [me]);
  if (!me) return null;
  const mine = (r: Row) => r.authors.some((a) => a.id === me.user.id) || r.contributors.some((a) => a.id === me.user.id);
  const byUpdate = (a: Row, b: Row) => b.updatedAt.localeCompare(a.updatedAt);
  return (
    <Page title={t("atelier.dashboard.title")}>
      <p>{t("atelier.dashboard.hello", { name: me.user.name })}</p>
      <NewEpisodeButton programmes={me.memberships.filter((m) => m.abilities.createEpisode).map((m) => m.programme)} />
      <div className="grid">
        <section aria-labelledby="my-programmes" className="card">
          <h2 id="my-programmes">{t("atelier.dashboard.programmes")}</h2>
          {me.memberships.length === 0 ? (
            <p className="muted">{t("atelier.dashboard.noProgramme")}</p>
          ) : (
            <ul className="plain">
              {me.memberships.map((m) => (
                <li key={m.programme.id}>
                  <Link to={`/programmes/${m.programme.id}`}>{m.programme.title}</Link> <span className="muted">({t(`atelier.role.${m.role}`)})</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        {rows === null ? (
          <Loading label={t("atelier.loading")} />
        ) : (
          <>
            <EpisodeList
              id="my-drafts"
              title={t("atelier.dashboard.drafts")}
              rows={rows.filter((r) => r.status === "draft" && r.abilities.edit && (mine(r) || r.contributors.length === 0)).sort(byUpdate)}
              empty={t("atelier.dashboard.noDraft")}
              date={(e) => e.updatedAt}
            />
            <EpisodeList
              id="in-review"
              title={t("atelier.dashboard.review")}
              rows={rows.filter((r) => r.status === "review").sort(byUpdate)}
              empty={t("atelier.dashboard.noReview")}
              date={(e) => e.updatedAt}
            />
            <EpisodeList
              id="published"
              title={t("atelier.dashboard.published")}
              rows={rows
                .filter((r) => r.status === "published")
                .sort((a, b) => (b.lastPublishedAt ?? "").localeCompare(a.lastPublishedAt ?? ""))
                .slice(0, 8)}
              empty={t("atelier.dashboard.noPublished")}
              date={(e) => e.lastPublishedAt}
            />
          </>
        )}
      </div>
    </Page>
  );
}
