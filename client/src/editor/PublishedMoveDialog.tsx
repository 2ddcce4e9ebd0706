// Confirms a change to a published episode (update in place, unpublish, publish a restored text) and says what it does.
import { useState } from "react";
import { type Episode, transition } from "../episodes.ts";
import type { MessageKey } from "../../../i18n/index.ts";
import { useT } from "../i18n.tsx";
import { errorText } from "../ui/errors.ts";
import { Dialog } from "../ui/Dialog.tsx";
import { ErrorMessage } from "../ui/Page.tsx";

export type PublishedMove = "update" | "unpublish" | "restored";

const TEXT: Record<PublishedMove, { title: MessageKey; explain: MessageKey; confirm: MessageKey; done: MessageKey }> = {
  update: { title: "atelier.update.title", explain: "atelier.update.explain", confirm: "atelier.episode.update", done: "atelier.update.done" },
  unpublish: {
    title: "atelier.unpublish.title",
    explain: "atelier.unpublish.explain",
    confirm: "atelier.episode.unpublish",
    done: "atelier.unpublish.done",
  },
  restored: {
    title: "atelier.restored.offerTitle",
    explain: "atelier.restored.offerExplain",
    confirm: "atelier.restored.offerConfirm",
    done: "atelier.update.done",
  },
};

type Props = { episode: Episode; move: PublishedMove; onClose(): void; onDone(e: Episode, notice: string): void };

export function PublishedMoveDialog({ episode, move, onClose, onDone }: Props) {
  const t = useT();
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const text = TEXT[move];
  const number = episode.number ?? "";
  const confirm = async () => {
    setBusy(true);
    try {
      const moved = await transition(episode.id, move === "unpublish" ? "unpublish" : "update");
      onDone(moved, t(text.done, { number }));
      onClose();
    } catch (e) {
      setError(errorText(e, t));
      setBusy(false);
    }
  };
  return (
    <Dialog title={t(text.title)} onClose={onClose} onSubmit={confirm} submitLabel={t(text.confirm)} busy={busy}>
      <p>{t(text.explain, { number })}</p>
      {error && <ErrorMessage message={error} />}
    </Dialog>
  );
}
