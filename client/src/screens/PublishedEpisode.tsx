// A published episode opened by someone who may neither edit it nor review it (a partner): where it is read and commented, and a link there.
import type { ReactNode } from "react";
import type { Episode } from "../episodes.ts";
import { useT } from "../i18n.tsx";
import { Page } from "../ui/Page.tsx";
import { useApi } from "../ui/useApi.ts";
import type { Programme } from "./ProgrammeSettings.tsx";
import { StatusBadge } from "./statusBadge.tsx";

export function PublishedEpisode({ episode, children }: { episode: Episode; children: ReactNode }) {
  const t = useT();
  const programme = useApi<{ programme: Programme }>(`/programmes/${encodeURIComponent(episode.programmeId)}`).data?.programme;
  return (
    <Page title={episode.title} actions={<StatusBadge status={episode.status} number={episode.number} />}>
      {children}
      <p className="notice">{t("atelier.published.notice")}</p>
      {programme && episode.number !== null && (
        <p>
          <a href={`/carnets/${programme.slug}/${episode.number}`}>{t("atelier.published.read", { number: episode.number })}</a>
        </p>
      )}
    </Page>
  );
}
