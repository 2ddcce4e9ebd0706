// What this device keeps of the workspace: the person's choice at sign-in, whose copies they are, and erasing every local copy.
const CHOICE = "carnet.device";
const OWNER = "carnet.owner";
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

/** Erases one episode's copy (the person may no longer open it). */
export async function forgetCopy(room: string): Promise<void> {
  await deleteDatabase(`${COPY_PREFIX}${room}`);
}

/** Erases the episode copies, the service worker's caches and who owned them. */
export async function eraseDevice(): Promise<void> {
  await Promise.all([...openCopies].map((copy) => copy.destroy()));
  openCopies.clear();
  const databases = await indexedDB.databases();
  await Promise.all(databases.flatMap((db) => (db.name?.startsWith(COPY_PREFIX) ? [deleteDatabase(db.name)] : [])));
  if ("caches" in window) await Promise.all((await caches.keys()).map((key) => caches.delete(key)));
  localStorage.removeItem(OWNER);
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
export async function claimDevice(userId: string, keep = keepsCopies()): Promise<void> {
  const owner = localStorage.getItem(OWNER);
  if ((owner !== null && owner !== userId) || !keep) await eraseDevice();
  localStorage.setItem(CHOICE, keep ? "keep" : "none");
  if (keep) localStorage.setItem(OWNER, userId);
  await syncWorker(keep);
}

/** Sign-out: nothing of this person stays on the device. */
export async function releaseDevice(): Promise<void> {
  await eraseDevice();
  localStorage.removeItem(CHOICE);
}
