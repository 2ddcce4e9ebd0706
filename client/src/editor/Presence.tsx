// Who else is here (name and territory, as the server vouches), with joins and leaves announced politely.
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useT } from "../i18n.tsx";
import { inkOn } from "./BodyEditor.tsx";
import type { CollabLink, Peer } from "./collabLink.ts";

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");
}

/** One entry per person, even with several tabs open. */
function people(peers: Peer[]): Peer[] {
  const seen = new Map<string, Peer>();
  for (const p of peers) {
    const key = p.userId ?? p.name;
    if (!seen.has(key)) seen.set(key, p);
  }
  return [...seen.values()];
}

export function usePeers(link: CollabLink): Peer[] {
  return useSyncExternalStore(
    (fn) => link.subscribe(fn),
    () => link.peers,
  );
}

export function Presence({ link }: { link: CollabLink }) {
  const t = useT();
  const list = people(usePeers(link));
  const [announce, setAnnounce] = useState("");
  const previous = useRef<Map<string, string> | null>(null);

  useEffect(() => {
    const now = new Map(list.map((p) => [p.userId ?? p.name, p.name]));
    const before = previous.current;
    previous.current = now;
    if (!before) return;
    const joined = [...now].filter(([k]) => !before.has(k)).map(([, n]) => t("atelier.presence.joined", { name: n }));
    const left = [...before].filter(([k]) => !now.has(k)).map(([, n]) => t("atelier.presence.left", { name: n }));
    if (joined.length + left.length > 0) setAnnounce([...joined, ...left].join(" "));
  }, [list, t]);

  return (
    <section className="presence" aria-label={t("atelier.presence.title")}>
      {list.length === 0 ? (
        <p className="muted">{t("atelier.presence.alone")}</p>
      ) : (
        <ul className="presence-list">
          {list.map((p) => (
            <li key={p.clientId} className="peer">
              <span className="avatar" aria-hidden="true" style={{ backgroundColor: p.color, color: inkOn(p.color) }}>
                {initials(p.name)}
              </span>
              <span className="peer-name">{p.name}</span>
              {p.territory && <span className="peer-territory">{p.territory}</span>}
            </li>
          ))}
        </ul>
      )}
      <p className="visually-hidden" aria-live="polite">
        {announce}
      </p>
    </section>
  );
}
