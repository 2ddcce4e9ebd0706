// Asks for a link address and refuses every scheme but http, https and mailto.
import { TOGGLE_LINK_COMMAND } from "@lexical/link";
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { $getSelection, $setSelection, type BaseSelection } from "lexical";
import { useId, useState } from "react";
import { useT } from "../i18n.tsx";
import { Dialog } from "../ui/Dialog.tsx";

/** http(s) with a host, or mailto with an address: the only links a journal may carry. */
export function isAllowedUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return false;
  }
  if (url.protocol === "http:" || url.protocol === "https:") return url.hostname !== "";
  if (url.protocol === "mailto:") return /^[^@\s]+@[^@\s]+$/.test(decodeURIComponent(url.pathname));
  return false;
}

export function LinkDialog({ onClose }: { onClose(): void }) {
  const [editor] = useLexicalComposerContext();
  const t = useT();
  const id = useId();
  const [url, setUrl] = useState("https://");
  const [error, setError] = useState("");
  // The editor loses focus to the dialog: remember where the link goes.
  const [saved] = useState<BaseSelection | null>(() => editor.getEditorState().read(() => $getSelection()?.clone() ?? null));

  const submit = () => {
    if (!isAllowedUrl(url)) {
      setError(t("atelier.link.invalid"));
      return;
    }
    editor.update(() => {
      if (saved) $setSelection(saved.clone());
    });
    editor.dispatchCommand(TOGGLE_LINK_COMMAND, url.trim());
    onClose();
  };

  return (
    <Dialog title={t("atelier.link.title")} onClose={onClose} onSubmit={submit} submitLabel={t("atelier.link.submit")}>
      <label htmlFor={id}>{t("atelier.link.url")}</label>
      <input
        id={id}
        type="text"
        inputMode="url"
        value={url}
        autoFocus
        onChange={(e) => {
          setUrl(e.target.value);
          setError("");
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-help${error ? ` ${id}-error` : ""}`}
      />
      <p id={`${id}-help`} className="help">
        {t("atelier.link.help")}
      </p>
      {error && (
        <p id={`${id}-error`} className="error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
