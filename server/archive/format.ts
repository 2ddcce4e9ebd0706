// The archive's open format: its entry names, manifest and the JSON encoding of dates and bytes (docs/archive.md).
export const ARCHIVE_FORMAT = "carnet-archive";
export const ARCHIVE_VERSION = 1;

export type ArchiveKind = "instance" | "programme";

export type Manifest = {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  kind: ArchiveKind;
  schemaVersion: number;
  exportedAt: string;
  /** The programme's slug in a programme archive. */
  programme?: string;
  /** Documents per data file, so a truncated file is noticed. */
  counts: Record<string, number>;
  media: string[];
};

/**
 * What the instance backup holds, one NDJSON file each. Left out on purpose: `meta` (schema version and the
 * instance lease), sessions, sign-in attempts and one-time tokens (secrets of this instance), and the mail
 * queue and digest state (work of the running instance, not content).
 */
export const INSTANCE_COLLECTIONS = [
  "counters",
  "territories",
  "users",
  "memberships",
  "programmes",
  "episodes",
  "episode_numbers",
  "revisions",
  "doc_updates",
  "doc_snapshots",
  "comments",
  "review_comments",
  "review_rounds",
  "review_marks",
  "episode_schedules",
  "notification_prefs",
  "subscriptions",
] as const;

/** The collections no archive holds, for the reasons above; every collection of the store is in one list or the other. */
export const LEFT_OUT_COLLECTIONS = [
  "meta",
  "sessions",
  "oidc_attempts",
  "tokens",
  "comment_digest_items",
  "comment_digest_state",
  "mail_jobs",
  "mail_batches",
] as const;

export const dataEntry = (name: string): string => `data/${name}.ndjson`;
export const mediaEntry = (name: string): string => `media/${name}`;
export const episodeEntry = (programmeSlug: string, episodeSlug: string, ext: "md" | "html"): string =>
  `episodes/${programmeSlug}/${episodeSlug}.${ext}`;

/** Every name an archive may hold: anything else (a path going up, an absolute path, a stray file) is refused. */
export const ENTRY_NAME =
  /^(?:manifest\.json|data\/[a-z_]{1,40}\.ndjson|episodes\/[a-z0-9-]{1,120}\/[a-z0-9-]{1,160}\.(?:md|html)|media\/[a-z0-9-]{1,100}\.[a-z0-9]{1,10})$/;

/** One document as a JSON line: dates as {"$date": ISO}, bytes as {"$binary": base64}, as MongoDB's extended JSON. */
export function encodeDoc(doc: unknown): string {
  return JSON.stringify(doc, function (this: Record<string, unknown>, key, value) {
    const original = this[key];
    if (original instanceof Date) return { $date: original.toISOString() };
    if (original instanceof Uint8Array) return { $binary: Buffer.from(original).toString("base64") };
    return value;
  });
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The reverse of encodeDoc; any other "$" key is refused, as the API refuses it. */
export function decodeDoc(line: string): unknown {
  return JSON.parse(line, (key, value) => {
    if (key.startsWith("$") && key !== "$date" && key !== "$binary") throw new Error(`clé interdite « ${key} »`);
    if (value && typeof value === "object" && !Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === "$date") {
        if (typeof value.$date !== "string" || !ISO.test(value.$date)) throw new Error("date invalide");
        return new Date(value.$date);
      }
      if (keys.length === 1 && keys[0] === "$binary") {
        if (typeof value.$binary !== "string" || !BASE64.test(value.$binary)) throw new Error("octets invalides");
        return new Uint8Array(Buffer.from(value.$binary, "base64"));
      }
      if (keys.some((k) => k.startsWith("$"))) throw new Error("clé « $ » interdite");
    }
    return value;
  });
}
