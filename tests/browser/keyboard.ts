// Keyboard-only journeys: what has the focus, and Tab until it reaches a control.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";

/** What has the keyboard focus: its tag and its label (aria-label, then a field's <label>, then its text). */
export const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    const name = el?.getAttribute("aria-label") ?? el?.labels?.[0]?.innerText ?? el?.innerText ?? "";
    return `${el?.tagName ?? ""} ${name.trim().split("\n")[0]}`;
  });

/** Presses Tab (at most 60 times) until the focused element reads `want`; fails if it never does. */
export async function tabTo(page: Page, want: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if ((await focused(page)) === want) return;
    await page.keyboard.press("Tab");
  }
  assert.fail(`Tab never reaches ${want} (focus on ${await focused(page)})`);
}
