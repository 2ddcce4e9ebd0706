// Uploads an image (the server checks and re-encodes it) and inserts it with its required alternative text and an optional caption.
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { $insertNodeToNearestRoot } from "@lexical/utils";
import { $getSelection, $setSelection, type BaseSelection } from "lexical";
import { useId, useState } from "react";
import { $createImageNode } from "../../../collab/schema/nodes.ts";
import { uploadFile } from "../api.ts";
import { useT } from "../i18n.tsx";
import { NeedsConnection, useOnline } from "../offline/NeedsConnection.tsx";
import { Dialog } from "../ui/Dialog.tsx";
import { errorText } from "../ui/errors.ts";

export type UploadedImage = { src: string; width: number; height: number };

export function ImageDialog({ episodeId, onClose }: { episodeId: string; onClose(): void }) {
  const [editor] = useLexicalComposerContext();
  const t = useT();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [alt, setAlt] = useState("");
  const [caption, setCaption] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  // Images are refused offline rather than kept on the device: the notice says so until the connection returns.
  const online = useOnline();
  const [saved] = useState<BaseSelection | null>(() => editor.getEditorState().read(() => $getSelection()?.clone() ?? null));

  const submit = async () => {
    if (!file) return setError(t("atelier.image.fileRequired"));
    if (!alt.trim()) return setError(t("atelier.image.altRequired"));
    setBusy(true);
    setError("");
    try {
      const { image } = await uploadFile<{ image: UploadedImage }>(`/episodes/${encodeURIComponent(episodeId)}/images`, file);
      editor.update(() => {
        if (saved) $setSelection(saved.clone());
        $insertNodeToNearestRoot($createImageNode({ src: image.src, alt: alt.trim(), width: image.width, height: image.height, caption: caption.trim() }));
      });
      onClose();
    } catch (e) {
      setError(errorText(e, t));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t("atelier.image.title")} onClose={onClose} onSubmit={submit} submitLabel={t("atelier.image.submit")} busy={busy || !online}>
      <NeedsConnection what="atelier.offline.images" />
      <label htmlFor={`${id}-file`}>{t("atelier.image.file")}</label>
      <input
        id={`${id}-file`}
        type="file"
        accept="image/jpeg,image/png,image/webp,image/gif"
        aria-describedby={`${id}-file-help`}
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
      />
      <p id={`${id}-file-help`} className="help">
        {t("atelier.image.fileHelp")}
      </p>
      <label htmlFor={`${id}-alt`}>{t("atelier.image.alt")}</label>
      <input id={`${id}-alt`} type="text" required value={alt} onChange={(e) => setAlt(e.target.value)} aria-describedby={`${id}-alt-help`} />
      <p id={`${id}-alt-help`} className="help">
        {t("atelier.image.altHelp")}
      </p>
      <label htmlFor={`${id}-caption`}>{t("atelier.image.caption")}</label>
      <input id={`${id}-caption`} type="text" value={caption} onChange={(e) => setCaption(e.target.value)} aria-describedby={`${id}-caption-help`} />
      <p id={`${id}-caption-help`} className="help">
        {t("atelier.image.captionHelp")}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {busy && <p role="status">{t("atelier.image.uploading")}</p>}
    </Dialog>
  );
}
