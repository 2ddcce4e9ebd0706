// Waits for a state the system reaches on its own time (a queue drained, a message sent): no fixed sleeps in tests.
import { setTimeout as delay } from "node:timers/promises";

export type EventuallyOptions = { timeoutMs?: number; everyMs?: number };

/** Asks `probe` until it answers something truthy, and returns that; fails naming `what` after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  probe: () => T | Promise<T>,
  { timeoutMs = 30_000, everyMs = 20 }: EventuallyOptions = {},
): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`toujours pas au bout de ${timeoutMs} ms : ${what}`);
    await delay(everyMs);
  }
}
