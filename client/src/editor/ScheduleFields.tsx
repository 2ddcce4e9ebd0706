// The publish dialog's scheduling part: a Paris date and time to publish at, to reschedule or cancel.
import { useId, useState } from "react";
import { cancelSchedule, type Episode, scheduleEpisode } from "../episodes.ts";
import { useLang, useT } from "../i18n.tsx";
import { parisDateTime } from "../screens/ScheduledNote.tsx";
import { errorText } from "../ui/errors.ts";
import { Field } from "../ui/Field.tsx";
import { ErrorMessage } from "../ui/Page.tsx";

type Props = {
  episode: Episode;
  /** The episode as scheduled (or no longer), with what to announce. */
  onDone(episode: Episode, notice: string): void;
};

export function ScheduleFields({ episode, onDone }: Props) {
  const t = useT();
  const { lang } = useLang();
  const hintId = useId();
  const current = episode.schedule;
  const [date, setDate] = useState(current?.paris.date ?? "");
  const [time, setTime] = useState(current?.paris.time ?? "");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  if (!episode.abilities.schedule) return null;

  const run = async (call: () => Promise<Episode>, notice: (e: Episode) => string) => {
    setBusy(true);
    setError("");
    try {
      const e = await call();
      onDone(e, notice(e));
    } catch (err) {
      setError(errorText(err, t));
      setBusy(false);
    }
  };
  const schedule = () => {
    if (!date || !time) return setError(t("atelier.schedule.missing"));
    void run(
      () => scheduleEpisode(episode.id, { date, time }),
      (e) => (e.schedule ? `${t("atelier.schedule.at", parisDateTime(lang, e.schedule.at))}.` : ""),
    );
  };

  return (
    <fieldset className="schedule" aria-describedby={hintId}>
      <legend>{t("atelier.schedule.legend")}</legend>
      <p id={hintId} className="help">
        {t("atelier.schedule.zone")}
      </p>
      <div className="schedule-fields">
        <Field label={t("atelier.schedule.date")} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        <Field label={t("atelier.schedule.time")} type="time" value={time} onChange={(e) => setTime(e.target.value)} />
      </div>
      <div className="row-actions">
        <button type="button" disabled={busy} onClick={schedule}>
          {t(current ? "atelier.schedule.resubmit" : "atelier.schedule.submit")}
        </button>
        {current && (
          <button type="button" disabled={busy} onClick={() => void run(() => cancelSchedule(episode.id), () => t("atelier.schedule.cancelled"))}>
            {t(current.status === "failed" ? "atelier.schedule.clear" : "atelier.schedule.cancel")}
          </button>
        )}
      </div>
      {error && <ErrorMessage message={error} />}
    </fieldset>
  );
}
