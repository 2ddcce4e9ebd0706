// What only works with a connection (publishing, invitations, images): whether there is one, and a plain notice while there is not.
import { useSyncExternalStore } from "react";
import type { MessageKey } from "../../../i18n/index.ts";
import { useT } from "../i18n.tsx";

function subscribe(fn: () => void): () => void {
  window.addEventListener("online", fn);
  window.addEventListener("offline", fn);
  return () => {
    window.removeEventListener("online", fn);
    window.removeEventListener("offline", fn);
  };
}

/** Follows the browser's connection, so what was unavailable comes back by itself. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribe, () => navigator.onLine);
}

export function NeedsConnection({ what }: { what: MessageKey }) {
  const t = useT();
  const online = useOnline();
  return (
    <p role="status" className={online ? "visually-hidden" : "notice"}>
      {online ? "" : t(what)}
    </p>
  );
}
