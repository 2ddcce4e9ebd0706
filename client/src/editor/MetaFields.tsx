// Title and summary of an episode, edited live in its shared document like the body: collaborators see each keystroke.
import { useEffect, useId, useRef } from "react";
import { EPISODE_LIMITS } from "../../../server/domain/limits.ts";
import type { Episode } from "../episodes.ts";
import { useT } from "../i18n.tsx";
import type { CollabLink } from "./collabLink.ts";
import { useSharedDoc, useSharedText } from "./sharedMeta.ts";

type Props = { episode: Episode; link: CollabLink; onTitle(title: string): void };

export function MetaFields({ episode, link, onTitle }: Props) {
  const t = useT();
  const id = useId();
  const doc = useSharedDoc(link);
  const titleInput = useRef<HTMLInputElement>(null);
  const summaryInput = useRef<HTMLTextAreaElement>(null);
  const [title, setTitle] = useSharedText(doc, "title", episode.title, titleInput);
  const [summary, setSummary] = useSharedText(doc, "summary", episode.summary, summaryInput);
  useEffect(() => onTitle(title), [title, onTitle]);
  // The store keeps the last title that was not empty; say so rather than let it look saved.
  const empty = title.trim() === "";

  return (
    <div className="meta-fields">
      <div className="field">
        <label htmlFor={`${id}-title`}>{t("atelier.episode.titleField")}</label>
        <input
          id={`${id}-title`}
          ref={titleInput}
          className="title-input"
          value={title}
          maxLength={EPISODE_LIMITS.title}
          aria-invalid={empty}
          aria-describedby={`${id}-state`}
          onChange={(e) => setTitle(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-summary`}>{t("atelier.episode.summaryField")}</label>
        <textarea
          id={`${id}-summary`}
          ref={summaryInput}
          rows={3}
          value={summary}
          maxLength={EPISODE_LIMITS.summary}
          aria-describedby={`${id}-summary-help`}
          onChange={(e) => setSummary(e.target.value)}
        />
        <p id={`${id}-summary-help`} className="help">
          {t("atelier.episode.summaryHelp")}
        </p>
      </div>
      <p id={`${id}-state`} className="meta-state" role="status">
        {empty ? t("atelier.episode.titleRequired") : ""}
      </p>
    </div>
  );
}
