// The episode's themes: one checkbox per theme of its programme, saved at each change.
import { useState } from "react";
import type { ProgrammeView } from "../../../server/api/programmes/presenter.ts";
import { api } from "../api.ts";
import type { Episode } from "../episodes.ts";
import { useT } from "../i18n.tsx";
import { errorText } from "../ui/errors.ts";
import { useApi } from "../ui/useApi.ts";

export function EpisodeThemes({ episode }: { episode: Episode }) {
  const t = useT();
  const { data } = useApi<{ programme: ProgrammeView }>(`/programmes/${encodeURIComponent(episode.programmeId)}`);
  const [chosen, setChosen] = useState(episode.themes);
  const [message, setMessage] = useState("");
  const themes = data?.programme.themes ?? [];

  const toggle = async (slug: string, on: boolean) => {
    const before = chosen;
    const next = on ? [...chosen, slug] : chosen.filter((s) => s !== slug);
    // The box follows the click at once; a refusal puts it back and says why.
    setChosen(next);
    setMessage("");
    try {
      const saved = await api<{ themes: string[] }>("PUT", `/episodes/${encodeURIComponent(episode.id)}/themes`, { themes: next });
      setChosen(saved.themes);
      setMessage(t("atelier.episode.themesSaved"));
    } catch (e) {
      setChosen(before);
      setMessage(errorText(e, t));
    }
  };

  return (
    <fieldset className="field episode-themes">
      <legend>{t("atelier.episode.themes")}</legend>
      {data && themes.length === 0 && <p className="help">{t("atelier.episode.noThemes")}</p>}
      <ul className="plain checks">
        {themes.map((theme) => (
          <li key={theme.slug}>
            <label>
              <input type="checkbox" checked={chosen.includes(theme.slug)} onChange={(e) => void toggle(theme.slug, e.target.checked)} /> {theme.label}
            </label>
          </li>
        ))}
      </ul>
      <p role="status">{message}</p>
    </fieldset>
  );
}
