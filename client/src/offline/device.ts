// What this device keeps of the workspace: the person's choice at sign-in, whose copies they are, and erasing every local copy.
const CHOICE = "carnet.device";
const OWNER = "carnet.owner";
/** Which programme each kept episode belongs to, so leaving a programme erases its copies. */
const COPIES = "carnet.copies";

type CopyIndex = Record<string, { room: string; programmeId: string }>;
/** What a signed-in person's /api/me says about where they still belong. */
type Belonging = { user: { id: string }; abilities: { administer: boolean }; memberships: { programme: { id: string } }[] };
/** Prefix of the IndexedDB databases that hold episode documents (one per episode). */
export const COPY_PREFIX = "carnet-";

type OpenCopy = { destroy(): Promise<void> | void };
const openCopies = new Set<OpenCopy>();

/** False when the person chose "ne pas conserver sur cet appareil" at sign-in. */
export function keepsCopies(): boolean {
  return localStorage.getItem(CHOICE) !== "none";
}

/** An episode copy open in this tab: closed before erasing, since an open database cannot be deleted. */
export function trackCopy(copy: OpenCopy): () => void {
  openCopies.add(copy);
  return () => openCopies.delete(copy);
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    // "blocked": another tab still holds it; the deletion completes when that tab lets go.
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

function copyIndex(): CopyIndex {
  try {
    return JSON.parse(localStorage.getItem(COPIES) ?? "{}") as CopyIndex;
  } catch {
    return {};
  }
}

/** Notes that this episode (of that programme) may be kept on the device. */
export function rememberCopy(episodeId: string, room: string, programmeId: string): void {
  localStorage.setItem(COPIES, JSON.stringify({ ...copyIndex(), [episodeId]: { room, programmeId } }));
}

/** Removes the cached answers whose address `matches`. */
async function uncache(matches: (url: string) => boolean): Promise<void> {
  if (!("caches" in window)) return;
  for (const key of await caches.keys()) {
    const cache = await caches.open(key);
    for (const request of await cache.keys()) if (matches(request.url)) await cache.delete(request);
  }
}

/** Erases one episode's copy and its cached data (the person may no longer open it). */
export async function forgetCopy(episodeId: string, room: string): Promise<void> {
  await deleteDatabase(`${COPY_PREFIX}${room}`);
  await uncache((url) => url.includes(episodeId));
  const index = copyIndex();
  delete index[episodeId];
  localStorage.setItem(COPIES, JSON.stringify(index));
}

/** At each sync of the session: copies of episodes from programmes the person left are erased. */
async function forgetProgrammesLeft(me: Belonging): Promise<void> {
  // An administrator may open episodes of programmes they are not a member of.
  if (me.abilities.administer) return;
  const belongs = new Set(me.memberships.map((m) => m.programme.id));
  for (const [episodeId, { room, programmeId }] of Object.entries(copyIndex())) if (!belongs.has(programmeId)) await forgetCopy(episodeId, room);
  await uncache((url) => {
    const programme = /\/api\/programmes\/([^/?]+)/.exec(url)?.[1];
    return programme !== undefined && !belongs.has(programme);
  });
}

/** Erases the episode copies, the service worker's caches and who owned them. */
export async function eraseDevice(): Promise<void> {
  await Promise.all([...openCopies].map((copy) => copy.destroy()));
  openCopies.clear();
  const databases = await indexedDB.databases();
  await Promise.all(databases.flatMap((db) => (db.name?.startsWith(COPY_PREFIX) ? [deleteDatabase(db.name)] : [])));
  if ("caches" in window) await Promise.all((await caches.keys()).map((key) => caches.delete(key)));
  localStorage.removeItem(OWNER);
  localStorage.removeItem(COPIES);
}

/** Only the offline worker's cache when copies are kept; none at all otherwise. */
async function syncWorker(keep: boolean): Promise<void> {
  if (!("serviceWorker" in navigator)) return;
  if (keep) {
    await navigator.serviceWorker.register("/atelier/sw.js", { scope: "/atelier/" });
    return;
  }
  await Promise.all((await navigator.serviceWorker.getRegistrations()).map((r) => r.unregister()));
}

/**
 * Called once someone is signed in: copies left by another person are erased first, and the
 * person's choice decides whether anything is kept from now on.
 */
export async function claimDevice(me: Belonging, keep = keepsCopies()): Promise<void> {
  const owner = localStorage.getItem(OWNER);
  if ((owner !== null && owner !== me.user.id) || !keep) await eraseDevice();
  else await forgetProgrammesLeft(me);
  localStorage.setItem(CHOICE, keep ? "keep" : "none");
  if (keep) localStorage.setItem(OWNER, me.user.id);
  await syncWorker(keep);
}

/** Sign-out: nothing of this person stays on the device. */
export async function releaseDevice(): Promise<void> {
  await eraseDevice();
  localStorage.removeItem(CHOICE);
}
