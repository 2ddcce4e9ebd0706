// The always-visible connection state: where unsent changes are (server, device, this tab only) and how many wait; only changes between online and offline are read out.
import { useEffect, useState, useSyncExternalStore } from "react";
import type { MessageKey } from "../../../i18n/index.ts";
import { type T, useT } from "../i18n.tsx";
import type { CollabLink, DeviceState, LinkState, LinkView } from "./collabLink.ts";

const LABEL: Record<LinkState, MessageKey> = {
  connecting: "atelier.link.connecting",
  offline: "atelier.link.offline",
  sending: "atelier.link.connected",
  saved: "atelier.link.saved",
  refused: "atelier.link.refused",
  rejected: "atelier.link.rejected",
};

const DEVICE: Record<DeviceState, MessageKey> = {
  none: "atelier.link.tabOnly",
  saving: "atelier.link.deviceSaving",
  kept: "atelier.link.device",
};

export function useLinkState(link: CollabLink): LinkState {
  return useLinkView(link).state;
}

export function useLinkView(link: CollabLink): LinkView {
  return useSyncExternalStore(
    (fn) => link.subscribe(fn),
    () => link.view,
  );
}

/** Until the server has everything: where the changes are kept, and how many the server still waits for. */
function whereKept(t: T, { state, pending, device }: LinkView): string {
  if (state === "saved" || (pending === 0 && device === "none")) return "";
  const parts = [t(DEVICE[device])];
  if (pending > 0) parts.push(pending === 1 ? t("atelier.link.pending.one") : t("atelier.link.pending.many", { count: pending }));
  return parts.join(" · ");
}

/** `readOnly`: whoever cannot write has nothing saved, so "Enregistré" would mislead; they see "Connecté". */
export function ConnectionStatus({ link, readOnly = false }: { link: CollabLink; readOnly?: boolean }) {
  const t = useT();
  const view = useLinkView(link);
  const { state } = view;
  const offline = state === "offline";
  // "Connexion rétablie" only after a loss: the first connection of a page is not news.
  const [dropped, setDropped] = useState(false);
  useEffect(() => {
    if (offline) setDropped(true);
  }, [offline]);
  const label = readOnly && state === "saved" ? "atelier.link.connected" : LABEL[state];
  const kept = readOnly ? "" : whereKept(t, view);
  return (
    <div className={`link-state ${state}`} data-state={state} data-device={view.device} data-pending={view.pending}>
      <span className="dot" aria-hidden="true" />
      <span>{t(label)}</span>
      {kept && <span className="link-kept"> · {kept}</span>}
      <span className="visually-hidden" aria-live="polite">
        {offline ? t("atelier.link.offline") : dropped && state !== "connecting" ? t("atelier.link.online") : ""}
      </span>
    </div>
  );
}
