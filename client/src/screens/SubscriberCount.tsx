// For the team: how many confirmed e-mail subscribers a new episode of the programme reaches.
import { useT } from "../i18n.tsx";
import { useApi } from "../ui/useApi.ts";

export function SubscriberCount({ programmeId }: { programmeId: string }) {
  const t = useT();
  const counts = useApi<{ programme: number; allProgrammes: number }>(`/programmes/${programmeId}/subscribers/count`);
  if (!counts.data) return null;
  return <p className="subscriber-count">{t("atelier.programme.subscribers", { programme: counts.data.programme, all: counts.data.allProgrammes })}</p>;
}
