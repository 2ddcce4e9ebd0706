// A modal dialog on the native <dialog> element: focus is trapped and Escape closes it, by the browser.
import { type FormEvent, type ReactNode, useEffect, useId, useRef } from "react";
import { useT } from "../i18n.tsx";

type Props = {
  title: string;
  onClose(): void;
  onSubmit?(event: FormEvent<HTMLFormElement>): void;
  submitLabel?: string;
  busy?: boolean;
  children: ReactNode;
  wide?: boolean;
};

export function Dialog({ title, onClose, onSubmit, submitLabel, busy, children, wide }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const t = useT();
  useEffect(() => {
    // Read before showModal(), which moves focus into the dialog; given back to the control that opened it.
    const opener = document.activeElement as HTMLElement | null;
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => opener?.focus();
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? "dialog wide" : "dialog"}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {/* The dialogs check their fields themselves and say what is wrong in the workspace language. */}
      <form
        method="dialog"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit?.(e);
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
        <div className="actions">
          <button type="button" onClick={onClose}>
            {onSubmit ? t("atelier.cancel") : t("atelier.close")}
          </button>
          {onSubmit && (
            <button type="submit" className="primary" disabled={busy}>
              {submitLabel ?? t("atelier.ok")}
            </button>
          )}
        </div>
      </form>
    </dialog>
  );
}
