// Title and summary of an episode, saved (PATCH) when they change and the field is left.
import { useEffect, useId, useRef, useState } from "react";
import { EPISODE_LIMITS } from "../../../server/domain/limits.ts";
import type { EpisodeChanges } from "../../../server/services/episodes.ts";
import { type Episode, patchEpisode } from "../episodes.ts";
import { useT } from "../i18n.tsx";
import { errorText } from "../ui/errors.ts";

export function MetaFields({ episode, onSaved }: { episode: Episode; onSaved(e: Episode): void }) {
  const t = useT();
  const id = useId();
  const [title, setTitle] = useState(episode.title);
  const [summary, setSummary] = useState(episode.summary);
  const [state, setState] = useState<"idle" | "saving" | "saved" | "error">("idle");
  const [error, setError] = useState("");
  const last = useRef({ title: episode.title, summary: episode.summary });

  useEffect(() => {
    last.current = { title: episode.title, summary: episode.summary };
  }, [episode.title, episode.summary]);

  const save = async () => {
    const fields: EpisodeChanges = {};
    if (title.trim() !== last.current.title) fields.title = title.trim();
    if (summary !== last.current.summary) fields.summary = summary;
    if (Object.keys(fields).length === 0) return;
    if (fields.title === "") {
      setState("error");
      setError(t("atelier.episode.titleRequired"));
      return;
    }
    setState("saving");
    try {
      const saved = await patchEpisode(episode.id, fields);
      last.current = { title: saved.title, summary: saved.summary };
      onSaved(saved);
      setState("saved");
    } catch (e) {
      setState("error");
      setError(errorText(e, t));
    }
  };

  return (
    <div className="meta-fields">
      <div className="field">
        <label htmlFor={`${id}-title`}>{t("atelier.episode.titleField")}</label>
        <input id={`${id}-title`} className="title-input" value={title} maxLength={EPISODE_LIMITS.title} onChange={(e) => setTitle(e.target.value)} onBlur={save} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-summary`}>{t("atelier.episode.summaryField")}</label>
        <textarea
          id={`${id}-summary`}
          rows={3}
          value={summary}
          maxLength={EPISODE_LIMITS.summary}
          aria-describedby={`${id}-summary-help`}
          onChange={(e) => setSummary(e.target.value)}
          onBlur={save}
        />
        <p id={`${id}-summary-help`} className="help">
          {t("atelier.episode.summaryHelp")}
        </p>
      </div>
      <p className="meta-state" role="status">
        {state === "saving" ? t("atelier.episode.saving") : state === "saved" ? t("atelier.episode.metaSaved") : state === "error" ? error : ""}
      </p>
    </div>
  );
}
