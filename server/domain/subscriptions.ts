// Pure rules of e-mail subscriptions and their sending: records, tokens, expiry, backoff, rate windows.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { ID_PATTERN } from "../store/ids.ts";

/** The scope of a subscription that follows every programme of the instance. */
export const ALL_PROGRAMMES = "all";

export const SUBSCRIPTION_STATUSES = ["pending", "active", "unsubscribed"] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export type Subscription = {
  _id: string;
  /** Lower-cased address; (email, scope) is unique. */
  email: string;
  /** A programme id, or ALL_PROGRAMMES. */
  scope: string;
  status: SubscriptionStatus;
  /** SHA-256 of the pending confirmation token; null once used. */
  confirmTokenHash: string | null;
  confirmExpiresAt: Date | null;
  createdAt: Date;
  confirmedAt: Date | null;
  unsubscribedAt: Date | null;
};

export const MAIL_JOB_STATUSES = ["pending", "sending", "sent", "failed", "cancelled"] as const;
export type MailJobStatus = (typeof MAIL_JOB_STATUSES)[number];

/** What every queued e-mail carries: its address, its state and its sender's lease. */
type MailJobState = {
  episodeId: string;
  programmeId: string;
  email: string;
  status: MailJobStatus;
  attempts: number;
  nextAttemptAt: Date;
  /** While "sending": who claimed it, and until when the claim holds. */
  leaseOwner: string | null;
  leaseUntil: Date | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
};

/** One e-mail announcing one episode to one address (jobs queued before review requests have no `kind`). */
export type AnnouncementJob = MailJobState & {
  /** jobId(episodeId, email): the same (episode, address) can never be queued twice. */
  _id: string;
  kind?: "announcement";
  subscriptionId: string;
};

/** What every e-mail addressed to an account carries: the account, whose standing is checked again when it is sent. */
type AccountJobState = MailJobState & { _id: string; userId: string };

/** One e-mail asking one partner to read an episode submitted for review; _id is reviewRequestJobId(episodeId, round, userId). */
export type ReviewRequestJob = AccountJobState & { kind: "reviewRequest" };

/** One e-mail telling one member they were named ("@Name") in one review comment. */
export type MentionJob = AccountJobState & { kind: "mention"; commentId: string };

/** One e-mail telling a proposer what became of the proposal of one review thread. */
export type SuggestionOutcomeJob = AccountJobState & { kind: "suggestionOutcome"; threadId: string };

export type AccountJob = ReviewRequestJob | MentionJob | SuggestionOutcomeJob;
export type MailJob = AnnouncementJob | AccountJob;

/** Jobs queued before there were other kinds are announcements, as are those saying so. */
export const isAccountJob = (job: MailJob): job is AccountJob => job.kind !== undefined && job.kind !== "announcement";

/** The state of a job just queued, due at `at`. */
export const pendingJob = (at: Date) => ({
  status: "pending" as const,
  attempts: 0,
  nextAttemptAt: at,
  leaseOwner: null,
  leaseUntil: null,
  lastError: null,
  createdAt: at,
  sentAt: null,
});

/** The announcement of one episode: who was subscribed at `cutoff` is sent to, once. */
export type MailBatch = {
  _id: string;
  programmeId: string;
  number: number;
  cutoff: Date;
  createdAt: Date;
  /** Null until every job of the batch is in the queue. */
  enqueuedAt: Date | null;
};

export const CONFIRM_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export function confirmationValid(sub: Subscription, tokenHash: string, now: Date): boolean {
  return (
    sub.status === "pending" &&
    sub.confirmTokenHash === tokenHash &&
    sub.confirmExpiresAt !== null &&
    now.getTime() <= sub.confirmExpiresAt.getTime()
  );
}

/** Keyed by the address, not the subscription, so one address subscribed twice still gets one message. */
export function jobId(episodeId: string, email: string): string {
  return `${episodeId}:${createHash("sha256").update(email).digest("hex").slice(0, 24)}`;
}

/** A Message-ID derived from the job: a resent duplicate carries the same id, so it can be recognised. */
export function messageIdFor(id: string, publicUrl: string): string {
  return `<${id.replace(":", ".")}@${new URL(publicUrl).hostname}>`;
}

/** Unsubscribe links need no stored secret: an HMAC of the subscription id under the instance secret. */
export function unsubscribeToken(secret: string, subscriptionId: string): string {
  const mac = createHmac("sha256", `carnet:unsubscribe:${secret}`).update(subscriptionId).digest("base64url");
  return `${subscriptionId}.${mac.slice(0, 32)}`;
}

/** The subscription id a token names, or null when the token is not one of ours. */
export function readUnsubscribeToken(secret: string, token: string): string | null {
  const id = token.split(".")[0] ?? "";
  if (!ID_PATTERN.test(id)) return null;
  const expected = Buffer.from(unsubscribeToken(secret, id));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}

/** Exponential backoff with a cap; attempt 1 waits `base`. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** SMTP 5xx is a final refusal (unknown mailbox…); 4xx and network errors are worth retrying. */
export function isPermanentSmtpError(error: unknown): boolean {
  const code = (error as { responseCode?: unknown })?.responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

/** Header text from user-written fields: no line breaks or control characters can reach a header. */
export const headerSafe = (value: string): string =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  value.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();

export function episodeSubject(number: number, title: string, programmeTitle: string): string {
  return headerSafe(`#${number} — ${title} — ${programmeTitle}`);
}

/** Fixed-window counters per key, kept in memory: enough to slow a flood from one IP or at one address. */
export class RateLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts a hit; returns the seconds to wait when over the limit, else 0. */
  hit(key: string, now: number): number {
    if (this.hits.size > 10_000) for (const [k, v] of this.hits) if (v.resetAt <= now) this.hits.delete(k);
    const entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now) {
      this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
      return 0;
    }
    entry.count++;
    return entry.count > this.limit ? Math.ceil((entry.resetAt - now) / 1000) : 0;
  }
}
