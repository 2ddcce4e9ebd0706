// Comment rules without I/O: body normalisation and limits, plain text → safe HTML, edit window, flood control.
import type { Affiliation, EpisodeStatus } from "./types.ts";

export const COMMENT_STATUSES = ["visible", "hidden", "deleted"] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export type Comment = {
  _id: string;
  episodeId: string;
  programmeId: string;
  /** null for a top-level comment; replies are one level deep only. */
  parentId: string | null;
  authorId: string;
  /** Name and territory as they were when posting: a later move does not rewrite history. */
  authorName: string;
  authorTerritory: string | null;
  /** Plain text, normalised; emptied when the comment is deleted. */
  body: string;
  status: CommentStatus;
  /** "members" for comments written while the episode was in review: they stay among the team and partners. */
  audience: CommentAudience;
  createdAt: Date;
  editedAt: Date | null;
  /** The WordPress comment it was imported from: a second import skips it. */
  wordpressId?: string;
};

export type CommentAudience = "public" | "members";

/**
 * Review comments are about a draft that the public never read, so they stay private even after publication;
 * a reply follows its thread.
 */
export function audienceFor(episodeStatus: EpisodeStatus, parent: Pick<Comment, "audience"> | null): CommentAudience {
  return episodeStatus === "published" && parent?.audience !== "members" ? "public" : "members";
}

export const COMMENT_MAX_CHARS = 5000;
export const EDIT_WINDOW_MS = 15 * 60 * 1000;

export type FloodLimits = {
  /** Minimum gap between two comments of one user. */
  minIntervalMs: number;
  perHour: number;
  /** The same body posted again within this window is refused as a duplicate. */
  duplicateWindowMs: number;
};

export const DEFAULT_FLOOD_LIMITS: FloodLimits = { minIntervalMs: 15_000, perHour: 30, duplicateWindowMs: 5 * 60_000 };

export type BodyCheck = { ok: true; body: string } | { ok: false; code: "comment_empty" | "comment_too_long"; message: string };

/** Drops C0/C1 controls other than tab and newline, and replaces lone surrogates: they have no business in a comment. */
function dropControls(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f)) continue;
    if (code >= 0xd800 && code <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        out += text[i]! + text[i + 1]!;
        i++;
      } else out += "\uFFFD";
      continue;
    }
    out += code >= 0xdc00 && code <= 0xdfff ? "\uFFFD" : text[i]!;
  }
  return out;
}

/** Normalises line ends and controls, then checks the body is neither blank nor longer than the limit. */
export function checkBody(input: string): BodyCheck {
  const body = dropControls(input.replace(/\r\n?/g, "\n"))
    .normalize("NFC")
    .trim();
  if (body.length === 0) return { ok: false, code: "comment_empty", message: "Le commentaire est vide." };
  // Counted in code points, as a person counts characters (an emoji is one).
  if ([...body].length > COMMENT_MAX_CHARS)
    return {
      ok: false,
      code: "comment_too_long",
      message: `Le commentaire dépasse ${COMMENT_MAX_CHARS.toLocaleString("fr-FR")} caractères.`,
    };
  return { ok: true, body };
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeText = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export const LINK_REL = "ugc nofollow noopener noreferrer";

// Candidate URLs; what they end with is trimmed below, because "(voir https://x.fr)." ends a sentence.
const URL_CANDIDATE = /\bhttps?:\/\/[^\s<>"'`\u00A0\u2000-\u200F\u2028-\u202F\u3000]+/gi;
const TRAILING = /[.,;:!?…»)\]}*_~]+$/;

function linkify(text: string): string {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(URL_CANDIDATE)) {
    let candidate = match[0];
    const trailing = candidate.match(TRAILING)?.[0] ?? "";
    // A closing parenthesis belongs to the URL when the URL opened one (Wikipedia-style links).
    let keep = "";
    if (trailing.startsWith(")") && candidate.slice(0, -trailing.length).includes("(")) keep = ")";
    candidate = candidate.slice(0, candidate.length - trailing.length) + keep;
    const href = safeHref(candidate);
    const start = match.index!;
    out += escapeText(text.slice(last, start));
    if (href) out += `<a href="${escapeText(href)}" rel="${LINK_REL}">${escapeText(candidate)}</a>`;
    else out += escapeText(candidate);
    last = start + candidate.length;
  }
  return out + escapeText(text.slice(last));
}

/** The URL as the browser will resolve it, only when it is http(s) with a host; anything else stays text. */
export function safeHref(candidate: string): string | null {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname) return null;
  if (url.username || url.password) return null;
  return url.href;
}

/**
 * Plain text → HTML made only of <p>, <br> and <a href rel>: blank lines separate paragraphs,
 * single line breaks stay, http(s) URLs become links. Everything else is escaped text.
 */
export function renderCommentHtml(body: string): string {
  return body
    .split(/\n[ \t]*\n\s*/)
    .map((para) => para.trim())
    .filter((para) => para.length > 0)
    .map((para) => `<p>${para.split("\n").map(linkify).join("<br>")}</p>`)
    .join("");
}

/** May this user still change the text of their comment? */
export function canEditBody(comment: Comment, userId: string, now: Date): boolean {
  return (
    comment.authorId === userId &&
    comment.status === "visible" &&
    now.getTime() - comment.createdAt.getTime() <= EDIT_WINDOW_MS
  );
}

export type FloodVerdict = { ok: true } | { ok: false; kind: "duplicate" } | { ok: false; kind: "rate"; retryAfterMs: number };

/** Judges a new comment against the author's recent ones (any status: deleting does not reset the count). */
export function floodVerdict(
  recent: readonly Pick<Comment, "body" | "createdAt">[],
  body: string,
  now: Date,
  limits: FloodLimits,
): FloodVerdict {
  const t = now.getTime();
  if (recent.some((c) => c.body === body && t - c.createdAt.getTime() < limits.duplicateWindowMs))
    return { ok: false, kind: "duplicate" };
  const times = recent.map((c) => c.createdAt.getTime()).sort((a, b) => b - a);
  const latest = times[0];
  if (latest !== undefined && t - latest < limits.minIntervalMs)
    return { ok: false, kind: "rate", retryAfterMs: limits.minIntervalMs - (t - latest) };
  const lastHour = times.filter((at) => t - at < 3_600_000);
  if (lastHour.length >= limits.perHour) {
    // The oldest comment of the hour frees a slot when it turns one hour old.
    const oldest = lastHour[limits.perHour - 1] ?? lastHour.at(-1)!;
    return { ok: false, kind: "rate", retryAfterMs: 3_600_000 - (t - oldest) };
  }
  return { ok: true };
}

/** The badge under a name: the territory's name, or the lab's label for the lab's own staff. */
export function territoryLabel(affiliation: Affiliation, territoryName: string | null, labLabel: string): string | null {
  return affiliation.kind === "lab" ? labLabel : territoryName;
}
