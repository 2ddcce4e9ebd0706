// The sliding-window limiter, on a fake clock.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "../../server/errors.ts";
import { memoryWindows, rateLimiter } from "../../server/services/rateLimit.ts";

describe("rate limiter", () => {
  const limit = { max: 3, windowMs: 1000 };

  it("refuses once the limit is reached, with the wait until the oldest hit leaves the window", async () => {
    let t = 10_000;
    const limiter = rateLimiter(memoryWindows(), () => t);
    const keys: [string, typeof limit][] = [["k", limit]];
    for (const dt of [0, 100, 100]) {
      t += dt;
      await limiter.check(keys);
      await limiter.hit(keys);
    }
    t += 100;
    await assert.rejects(
      () => limiter.check(keys),
      (e: unknown) => e instanceof AppError && e.status === 429 && e.headers?.["Retry-After"] === "1",
    );
    t = 10_000 + 1001; // the first hit has left the window
    await limiter.check(keys);
  });

  it("counts keys apart, and forgets a key on reset", async () => {
    const t = 0;
    const limiter = rateLimiter(memoryWindows(), () => t);
    for (let i = 0; i < 3; i++) await limiter.hit([["a", limit]]);
    await assert.rejects(() => limiter.check([["a", limit]]));
    await limiter.check([["b", limit]]);
    await limiter.reset("a");
    await limiter.check([["a", limit]]);
  });
});
