// The workspace in English as a person gets it (the header's « English » button), and a check that no French catalogue text is left on a page.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { en } from "../../i18n/en.ts";
import { fr } from "../../i18n/fr.ts";
import type { TestServer } from "../helpers/server.ts";

/** French catalogue texts that English says otherwise, as patterns ({placeholders} match anything); short or placeholder-only ones are left out. */
const FRENCH = Object.entries(fr)
  .filter(([key, text]) => en[key as keyof typeof en] !== text && text.replace(/\{\w+\}/g, "").replace(/[^\p{L}]/gu, "").length >= 8)
  .map(([key, text]) => ({ key, pattern: new RegExp(`^${text.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{\w+\}/g, ".*")}$`, "s") }));

/** Opens the workspace and switches it to English with the header's button; the choice is remembered for the next pages. */
export async function inEnglish(page: Page, server: TestServer): Promise<void> {
  await page.goto(`${server.origin}/atelier/`);
  await page.getByRole("button", { name: "English" }).click();
  await page.waitForFunction(() => document.documentElement.lang === "en");
}

/** Fails with each text of the page (shown, or read out through aria-label, title, placeholder, alt) that is still the French catalogue's. */
export async function assertAllEnglish(page: Page, what: string): Promise<void> {
  const texts = await page.evaluate(() => {
    const out = document.body.innerText.split("\n").map((s) => s.trim());
    for (const el of document.querySelectorAll("[aria-label],[title],[placeholder],[alt]"))
      for (const name of ["aria-label", "title", "placeholder", "alt"]) out.push(el.getAttribute(name)?.trim() ?? "");
    return out.filter(Boolean);
  });
  const french = texts.flatMap((text) => FRENCH.filter(({ pattern }) => pattern.test(text)).map(({ key }) => `${key}: ${text}`));
  assert.deepEqual(french, [], `${what} : texte resté en français`);
}
