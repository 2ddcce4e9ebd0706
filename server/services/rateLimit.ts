// Sliding-window counters against brute force (sign-in, password reset, invitation links), kept here or shared by every instance.
import type { Bus } from "../cluster/bus.ts";
import { tooMany } from "../errors.ts";

export type Limit = { max: number; windowMs: number };

/** Where the hits are kept: this process's memory, or the bus (Redis), so that instances behind a balancer count together. */
export type HitWindows = Pick<Bus, "hitsSince" | "hit" | "forget">;

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** 5 failures per account, 20 per address, within 15 minutes. */
export const LIMITS = {
  account: { max: 5, windowMs: FIFTEEN_MINUTES },
  ip: { max: 20, windowMs: FIFTEEN_MINUTES },
} satisfies Record<string, Limit>;

export function memoryWindows(): HitWindows {
  const hits = new Map<string, { times: number[]; ttlMs: number }>();
  const prune = (key: string, now: number) => {
    const entry = hits.get(key);
    if (!entry) return;
    entry.times = entry.times.filter((t) => t > now - entry.ttlMs);
    if (entry.times.length === 0) hits.delete(key);
  };
  return {
    async hitsSince(key, since) {
      return (hits.get(key)?.times ?? []).filter((t) => t > since);
    },
    async hit(key, at, ttlMs) {
      // Forgets stale keys now and then, so many distinct e-mails or addresses cannot grow the map for ever.
      if (hits.size > 10_000) for (const k of [...hits.keys()]) prune(k, at);
      const entry = hits.get(key) ?? { times: [], ttlMs };
      entry.times.push(at);
      hits.set(key, entry);
      prune(key, at);
    },
    async forget(key) {
      hits.delete(key);
    },
  };
}

export function rateLimiter(windows: HitWindows = memoryWindows(), now: () => number = Date.now) {
  return {
    /** Throws 429 with Retry-After when any key has reached its limit. */
    async check(keys: [string, Limit][]): Promise<void> {
      let wait = 0;
      for (const [key, limit] of keys) {
        const kept = (await windows.hitsSince(key, now() - limit.windowMs)).sort((a, b) => a - b);
        if (kept.length >= limit.max) wait = Math.max(wait, kept[kept.length - limit.max]! + limit.windowMs - now());
      }
      if (wait > 0) throw tooMany(wait / 1000);
    },
    /** Records one attempt (usually a failure) against each key. */
    async hit(keys: [string, Limit][]): Promise<void> {
      for (const [key, limit] of keys) await windows.hit(key, now(), limit.windowMs);
    },
    async reset(key: string): Promise<void> {
      await windows.forget(key);
    },
  };
}
export type RateLimiter = ReturnType<typeof rateLimiter>;
