// The episode's address: derived from the title at first publication unless an editor chooses it; once public, a change keeps a redirect.
import { useState } from "react";
import { SLUG_MAX, slugify } from "../../../server/domain/slug.ts";
import { type Episode, patchEpisode } from "../episodes.ts";
import { useT } from "../i18n.tsx";
import { errorText } from "../ui/errors.ts";
import { Field } from "../ui/Field.tsx";

type Props = { episode: Episode; onSaved(e: Episode): void };

export function SlugField({ episode, onSaved }: Props) {
  const t = useT();
  // Not chosen and not yet public: the field stays empty and shows what the title would give.
  const derived = episode.number === null && !episode.slugChosen;
  const [slug, setSlug] = useState(derived ? "" : episode.slug);
  const [error, setError] = useState("");
  const [saved, setSaved] = useState("");
  const save = async () => {
    const next = slug.trim();
    if (next === "" || (!derived && next === episode.slug)) return;
    setError("");
    try {
      const changed = await patchEpisode(episode.id, { slug: next });
      onSaved(changed);
      setSlug(changed.slug);
      setSaved(t("atelier.episode.slugSaved", { slug: changed.slug }));
    } catch (e) {
      setSaved("");
      setError(errorText(e, t));
    }
  };
  return (
    <>
      <Field
        label={t("atelier.episode.slugField")}
        help={t(episode.number === null ? "atelier.episode.slugHelpDraft" : "atelier.episode.slugHelpPublished")}
        error={error}
        value={slug}
        placeholder={derived ? slugify(episode.title) : undefined}
        maxLength={SLUG_MAX}
        onChange={(e) => setSlug(e.target.value)}
        onBlur={save}
      />
      <p className="meta-state" role="status">
        {saved}
      </p>
    </>
  );
}
