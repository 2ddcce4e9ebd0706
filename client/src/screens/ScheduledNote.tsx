// "Publication programmée le … à …" (or why it did not happen) beside an episode, in Paris time, wherever the team sees it.
import type { Episode } from "../episodes.ts";
import type { Lang } from "../../../i18n/index.ts";
import { useLang, useT } from "../i18n.tsx";
import { codeText } from "../ui/errors.ts";

/** The date and time of a schedule as people read them, in Paris whatever the browser's zone. */
export function parisDateTime(lang: Lang, iso: string): { date: string; time: string } {
  const locale = lang === "fr" ? "fr-FR" : "en-GB";
  const at = new Date(iso);
  return {
    date: new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "Europe/Paris" }).format(at),
    time: new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone: "Europe/Paris" }).format(at),
  };
}

export function ScheduledNote({ schedule }: { schedule: Episode["schedule"] }) {
  const t = useT();
  const { lang } = useLang();
  if (!schedule) return null;
  const when = parisDateTime(lang, schedule.at);
  if (schedule.status === "failed" && schedule.failure)
    return <span className="schedule-note failed">{t("atelier.schedule.failed", { ...when, reason: codeText(schedule.failure.code, schedule.failure.message, t) })}</span>;
  return <span className="schedule-note">{t("atelier.schedule.at", when)}</span>;
}
