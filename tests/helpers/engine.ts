// Which store a test server opens: its data folder, or, when the runner sets MONGODB_URL, a database of its own.
import { createHash } from "node:crypto";

/** Environment naming the data folder's own database (the same on a restart), when suites run on the MongoDB engine. */
export function storeEnv(dataDir: string): Record<string, string> {
  const base = process.env.MONGODB_URL;
  if (!base) return {};
  const url = new URL(base);
  url.pathname = `/t_${createHash("sha256").update(dataDir).digest("hex").slice(0, 24)}`;
  return { MONGODB_URL: url.toString() };
}
