// The signing secret of an instance without SESSION_SECRET: random at its first start, then kept in its data folder.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const FILE = "session-secret";

export function devSecret(dataDir: string): string {
  const file = path.join(dataDir, FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    // Written aside then linked into place: two processes starting at once agree on one secret, never a half-written one.
    const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    fs.writeFileSync(draft, `${randomBytes(48).toString("base64url")}\n`, { mode: 0o600 });
    try {
      fs.linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      fs.rmSync(draft, { force: true });
    }
  }
  return fs.readFileSync(file, "utf8").trim();
}
