// "Nouvel épisode": a button and its dialog (title, and the programme when there is a choice); then the new episode opens.
import { useId, useState } from "react";
import { createEpisode } from "../episodes.ts";
import { useT } from "../i18n.tsx";
import { navigate } from "../router.tsx";
import { Dialog } from "../ui/Dialog.tsx";
import { errorText } from "../ui/errors.ts";
import { Field } from "../ui/Field.tsx";
import { ErrorMessage } from "../ui/Page.tsx";

/** `programmes`: those where the user may write; nothing shows when there is none. */
export function NewEpisodeButton({ programmes }: { programmes: { id: string; title: string }[] }) {
  const t = useT();
  const selectId = useId();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState("");
  const [programmeId, setProgrammeId] = useState("");
  const [error, setError] = useState("");
  if (programmes.length === 0) return null;
  const chosen = programmes.some((p) => p.id === programmeId) ? programmeId : programmes[0]!.id;
  const create = async () => {
    try {
      const episode = await createEpisode(chosen, title.trim() || t("atelier.episode.untitled"));
      navigate(`/episodes/${episode.id}`);
    } catch (e) {
      setError(errorText(e, t));
      setOpen(false);
    }
  };
  return (
    <>
      <button type="button" className="primary" onClick={() => setOpen(true)}>
        {t("atelier.programme.newEpisode")}
      </button>
      {error && <ErrorMessage message={error} />}
      {open && (
        <Dialog title={t("atelier.programme.newEpisode")} onClose={() => setOpen(false)} onSubmit={create} submitLabel={t("atelier.programme.create")}>
          {programmes.length > 1 && (
            <div className="field">
              <label htmlFor={selectId}>{t("atelier.newEpisode.programme")}</label>
              <select id={selectId} value={chosen} onChange={(e) => setProgrammeId(e.target.value)}>
                {programmes.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.title}
                  </option>
                ))}
              </select>
            </div>
          )}
          <Field label={t("atelier.episode.titleField")} value={title} autoFocus onChange={(e) => setTitle(e.target.value)} />
        </Dialog>
      )}
    </>
  );
}
