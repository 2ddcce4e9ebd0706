// The dialog of a proposed wording: the passage quoted, the proposed text (empty = delete it) and an optional explanation.
import { useState } from "react";
import type { Anchor } from "../../../../collab/review/anchors.ts";
import { SUGGESTION_LIMITS } from "../../../../server/domain/suggestions.ts";
import { useT } from "../../i18n.tsx";
import { Dialog } from "../../ui/Dialog.tsx";
import { AreaField } from "../../ui/Field.tsx";
import { ErrorMessage } from "../../ui/Page.tsx";
import { errorText } from "../../ui/errors.ts";
import { proposeWording } from "./reviews.ts";

type Props = { episodeId: string; anchor: Anchor; onClose(): void; onSent(): Promise<void> };

export function ProposeDialog({ episodeId, anchor, onClose, onSent }: Props) {
  const t = useT();
  // Starts from the passage itself: a wording is usually a few words changed, not a sentence retyped.
  const [replacement, setReplacement] = useState(anchor.quote);
  const [explanation, setExplanation] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const send = async () => {
    setBusy(true);
    setError("");
    try {
      await proposeWording(episodeId, anchor, replacement, explanation);
      await onSent();
    } catch (e) {
      setError(errorText(e, t));
      setBusy(false);
    }
  };
  return (
    <Dialog title={t("atelier.suggestions.dialogTitle")} onClose={onClose} onSubmit={() => void send()} submitLabel={t("atelier.suggestions.send")} busy={busy}>
      <figure className="suggestion-original">
        <figcaption>{t("atelier.suggestions.original")}</figcaption>
        <blockquote>{anchor.quote}</blockquote>
      </figure>
      <AreaField
        id="suggestion-replacement"
        label={t("atelier.suggestions.replacement")}
        help={t("atelier.suggestions.replacementHelp")}
        value={replacement}
        maxLength={SUGGESTION_LIMITS.replacement}
        rows={4}
        onChange={(e) => setReplacement(e.target.value)}
      />
      <AreaField label={t("atelier.suggestions.explanation")} value={explanation} rows={2} onChange={(e) => setExplanation(e.target.value)} />
      {error && <ErrorMessage message={error} />}
    </Dialog>
  );
}
