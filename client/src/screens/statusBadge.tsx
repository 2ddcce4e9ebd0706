// An episode's status (and number once published) as a small labelled badge.
import type { EpisodeStatus } from "../episodes.ts";
import { useT } from "../i18n.tsx";

export function StatusBadge({ status, number }: { status: EpisodeStatus; number: number | null }) {
  const t = useT();
  return (
    <span className={`badge ${status}`}>
      {t(`atelier.status.${status}`)}
      {number !== null ? ` · #${number}` : ""}
    </span>
  );
}
