// Gives one process at a time the embedded data folder, so a second one cannot corrupt it.
import fs from "node:fs";
import path from "node:path";

export class StoreLockedError extends Error {}

const heldHere = new Set<string>();

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the folder's lock or throws StoreLockedError naming the process that holds it. */
export function acquireLock(dir: string): () => void {
  const file = path.join(dir, "carnet.lock");
  if (heldHere.has(file)) throw new StoreLockedError(lockedMessage(dir, process.pid));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx" });
      heldHere.add(file);
      return () => {
        heldHere.delete(file);
        fs.rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number.parseInt(fs.readFileSync(file, "utf8"), 10);
      if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid))
        throw new StoreLockedError(lockedMessage(dir, pid));
      // The holder died without releasing the lock (e.g. SIGKILL): take it over.
      fs.rmSync(file, { force: true });
    }
  }
  throw new StoreLockedError(lockedMessage(dir, Number.NaN));
}

function lockedMessage(dir: string, pid: number): string {
  return `Le dossier de données ${dir} est déjà utilisé par un autre processus Carnet (pid ${pid}). Arrêtez-le d'abord, ou utilisez MongoDB (MONGODB_URL) pour partager les données.`;
}
