// Launches the system Chromium (CHROME_PATH) headless for browser tests, and records a page's requests.
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** A headless Chromium; close it with `await browser.close()` (e.g. in `after`). */
export async function launchBrowser(): Promise<Browser> {
  return await chromium.launch({
    executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
    headless: true,
    args: ARGS,
  });
}

/**
 * A headless Chromium with a profile kept in `userDataDir`: IndexedDB, caches and service workers
 * outlive a closed page, as on a person's own device. Close it with `await context.close()`.
 */
export async function launchProfile(userDataDir: string): Promise<BrowserContext> {
  return await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
    headless: true,
    args: ARGS,
    locale: "fr-FR",
  });
}

/** Every URL a page or context requests, in order, as recorded from the first navigation on. */
export function recordRequests(target: Page | BrowserContext): string[] {
  const urls: string[] = [];
  target.on("request", (request) => {
    urls.push(request.url());
  });
  return urls;
}
