// The always-visible connection state; only changes between online and offline are read out.
import { useSyncExternalStore } from "react";
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

export function ConnectionStatus({ link }: { link: CollabLink }) {
  const t = useT();
  const state = useLinkState(link);
  const offline = state === "offline";
  return (
    <div className={`link-state ${state}`} data-state={state}>
      <span className="dot" aria-hidden="true" />
      <span>{t(LABEL[state])}</span>
      <span className="visually-hidden" aria-live="polite">
        {offline ? t("atelier.link.offline") : state === "connecting" ? "" : t("atelier.link.online")}
      </span>
    </div>
  );
}
