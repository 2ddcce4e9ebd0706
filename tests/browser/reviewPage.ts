// What a workspace page shows of its review: the passages it highlights, and a thread's card in the panel.
import type { Page } from "playwright-core";

/** The texts of the page's CSS highlight `name`: "review" for open threads, "suggestion" for open proposals. */
export const highlighted = (page: Page, name = "review") =>
  page.evaluate((n) => [...((CSS.highlights.get(n) as Iterable<AbstractRange> | undefined) ?? [])].map((r) => (r as Range).toString()), name);

/** Waits until the page's highlight `name` covers exactly `expected`, in order. */
export async function waitHighlights(page: Page, expected: string[], name = "review"): Promise<void> {
  await page.waitForFunction(
    ([n, want]) => JSON.stringify([...((CSS.highlights.get(n) as Iterable<Range> | undefined) ?? [])].map((r) => r.toString())) === JSON.stringify(want),
    [name, expected] as const,
    { timeout: 5_000 },
  );
}

/** The panel's card of the thread that says `text`. */
export const thread = (page: Page, text: string) => page.locator(".review-thread", { hasText: text });

/** Milliseconds until each page shows `locator`'s target, from `since`. */
export async function arrival(pages: Page[], find: (p: Page) => ReturnType<Page["locator"]>, since: number): Promise<number[]> {
  return await Promise.all(
    pages.map(async (p) => {
      await find(p).waitFor({ timeout: 5_000 });
      return Date.now() - since;
    }),
  );
}
