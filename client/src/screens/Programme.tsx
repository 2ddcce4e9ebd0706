// A programme: its episodes (and "Nouvel épisode"), and for leads its settings, members and invitations.
import { useEffect, useState } from "react";
import { type Episode, listEpisodes, workOrder } from "../episodes.ts";
import { formatDate, useLang, useT } from "../i18n.tsx";
import { Link } from "../router.tsx";
import { useSession } from "../session.tsx";
import { ErrorMessage, Loading, Page } from "../ui/Page.tsx";
import { useApi } from "../ui/useApi.ts";
import { ArchiveDownload } from "./ArchiveDownload.tsx";
import { Members } from "./Members.tsx";
import { errorText } from "../ui/errors.ts";
import { NewEpisodeButton } from "./NewEpisode.tsx";
import { type Programme, ProgrammeSettings } from "./ProgrammeSettings.tsx";
import { StatusBadge } from "./statusBadge.tsx";
import { ScheduledNote } from "./ScheduledNote.tsx";
import { SubscriberCount } from "./SubscriberCount.tsx";

export type { Programme } from "./ProgrammeSettings.tsx";

function EpisodesTable({ programme, canCreate }: { programme: { id: string; title: string }; canCreate: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const [episodes, setEpisodes] = useState<Episode[] | null>(null);
  const [error, setError] = useState("");
  useEffect(() => {
    listEpisodes(programme.id).then((list) => setEpisodes([...list].sort(workOrder)), (e) => setError(errorText(e, t)));
  }, [programme.id, t]);
  return (
    <section aria-labelledby="episodes-title">
      <div className="section-head">
        <h2 id="episodes-title">{t("atelier.programme.episodes")}</h2>
        {canCreate && <NewEpisodeButton programmes={[programme]} />}
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
                  <StatusBadge status={e.status} number={null} /> <ScheduledNote schedule={e.schedule} />
                </td>
                <td data-label={t("atelier.programme.col.updated")}>{formatDate(lang, e.updatedAt)}</td>
                <td data-label={t("atelier.programme.col.published")}>{formatDate(lang, e.firstPublishedAt) || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
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
      {current?.abilities.seeSubscribers && <SubscriberCount programmeId={programmeId} />}
      <EpisodesTable programme={{ id: programmeId, title }} canCreate={current?.abilities.createEpisode ?? false} />
      {current?.abilities.edit && <ProgrammeSettings programme={current} onSaved={setProgramme} />}
      {current?.abilities.manageMembers && <Members programmeId={programmeId} onOwnRoleChanged={reloadProgramme} />}
      {current?.abilities.exportProgramme && (
        <ArchiveDownload
          href={`/api/programmes/${programmeId}/archive`}
          heading="atelier.archive.programme.heading"
          explain="atelier.archive.programme.explain"
          link="atelier.archive.programme.link"
        />
      )}
    </Page>
  );
}
