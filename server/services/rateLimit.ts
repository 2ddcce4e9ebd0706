// Sliding-window counters against brute force (sign-in, password reset, invitation links).
import { tooMany } from "../errors.ts";

/*
 * Kept in memory: right for Carnet's one server process. Several processes behind a load
 * balancer would each count on their own, so the limits would need a shared store then.
 */

export type Limit = { max: number; windowMs: number };

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** 5 failures per account, 20 per address, within 15 minutes. */
export const LIMITS = {
  account: { max: 5, windowMs: FIFTEEN_MINUTES },
  ip: { max: 20, windowMs: FIFTEEN_MINUTES },
} satisfies Record<string, Limit>;

export function rateLimiter(now: () => number = Date.now) {
  const hits = new Map<string, number[]>();

  function recent(key: string, limit: Limit): number[] {
    const since = now() - limit.windowMs;
    const kept = (hits.get(key) ?? []).filter((t) => t > since);
    if (kept.length) hits.set(key, kept);
    else hits.delete(key);
    return kept;
  }

  return {
    /** Throws 429 with Retry-After when any key has reached its limit. */
    check(keys: [string, Limit][]): void {
      let wait = 0;
      for (const [key, limit] of keys) {
        const kept = recent(key, limit);
        if (kept.length >= limit.max) wait = Math.max(wait, kept[kept.length - limit.max]! + limit.windowMs - now());
      }
      if (wait > 0) throw tooMany(wait / 1000);
    },
    /** Records one attempt (usually a failure) against each key. */
    hit(keys: [string, Limit][]): void {
      // Forgets stale keys now and then, so many distinct e-mails or addresses cannot grow the map for ever.
      if (hits.size > 10_000) for (const [key] of hits) recent(key, LIMITS.ip);
      for (const [key, limit] of keys) {
        const kept = recent(key, limit);
        kept.push(now());
        hits.set(key, kept);
      }
    },
    reset(key: string): void {
      hits.delete(key);
    },
  };
}
export type RateLimiter = ReturnType<typeof rateLimiter>;
