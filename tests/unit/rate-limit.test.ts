// The sliding-window limiter, on a fake clock.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "../../server/errors.ts";
import { rateLimiter } from "../../server/services/rateLimit.ts";

describe("rate limiter", () => {
  const limit = { max: 3, windowMs: 1000 };

  it("refuses once the limit is reached, with the wait until the oldest hit leaves the window", () => {
    let t = 10_000;
    const limiter = rateLimiter(() => t);
    const keys: [string, typeof limit][] = [["k", limit]];
    for (const dt of [0, 100, 100]) {
      t += dt;
      limiter.check(keys);
      limiter.hit(keys);
    }
    t += 100;
    assert.throws(
      () => limiter.check(keys),
      (e: unknown) => e instanceof AppError && e.status === 429 && e.headers?.["Retry-After"] === "1",
    );
    t = 10_000 + 1001; // the first hit has left the window
    limiter.check(keys);
  });

  it("counts keys apart, and forgets a key on reset", () => {
    const t = 0;
    const limiter = rateLimiter(() => t);
    for (let i = 0; i < 3; i++) limiter.hit([["a", limit]]);
    assert.throws(() => limiter.check([["a", limit]]));
    limiter.check([["b", limit]]);
    limiter.reset("a");
    limiter.check([["a", limit]]);
  });
});
