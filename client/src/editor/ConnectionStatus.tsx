// The always-visible connection state; only changes between online and offline are read out.
import { useEffect, useState, useSyncExternalStore } from "react";
import type { MessageKey } from "../../../i18n/index.ts";
import { useT } from "../i18n.tsx";
import type { CollabLink, LinkState } from "./collabLink.ts";

const LABEL: Record<LinkState, MessageKey> = {
  connecting: "atelier.link.connecting",
  offline: "atelier.link.offline",
  sending: "atelier.link.connected",
  saved: "atelier.link.saved",
};

export function useLinkState(link: CollabLink): LinkState {
  return useSyncExternalStore(
    (fn) => link.subscribe(fn),
    () => link.state,
  );
}

/** `readOnly`: whoever cannot write has nothing saved, so "Enregistré" would mislead; they see "Connecté". */
export function ConnectionStatus({ link, readOnly = false }: { link: CollabLink; readOnly?: boolean }) {
  const t = useT();
  const state = useLinkState(link);
  const offline = state === "offline";
  // "Connexion rétablie" only after a loss: the first connection of a page is not news.
  const [dropped, setDropped] = useState(false);
  useEffect(() => {
    if (offline) setDropped(true);
  }, [offline]);
  const label = readOnly && state === "saved" ? "atelier.link.connected" : LABEL[state];
  return (
    <div className={`link-state ${state}`} data-state={state}>
      <span className="dot" aria-hidden="true" />
      <span>{t(label)}</span>
      <span className="visually-hidden" aria-live="polite">
        {offline ? t("atelier.link.offline") : dropped && state !== "connecting" ? t("atelier.link.online") : ""}
      </span>
    </div>
  );
}
