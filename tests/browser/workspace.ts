// Shared set-up of the workspace browser tests: a built client, a real server, a cast of named users.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { $getRoot } from "lexical";
import assert from "node:assert/strict";
import { after, before } from "node:test";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { editorFromState } from "../../collab/schema/documents.ts";
import { episodeRoom } from "../../collab/schema/nodes.ts";
import type { Context } from "../../server/context.ts";
import { buildMembership, buildProgramme, buildTerritory, buildUser, sessionCookieFor } from "../helpers/factories.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Builds client/dist when missing or older than its sources (what `npm start` does). */
export function ensureClientBuilt(): void {
  const result = spawnSync(process.execPath, ["scripts/ensure-client.mjs"], { cwd: ROOT, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`client build failed: ${result.stderr || result.stdout}`);
}

export async function buildWorkspaceCast(ctx: Context) {
  const territory = await buildTerritory(ctx, { name: "Métropole de Lyon", kind: "intercommunalite" });
  const programme = await buildProgramme(ctx, { title: "Cantines durables", territoryIds: [territory._id] });
  const alice = await buildUser(ctx, { name: "Alice Martin" });
  const bruno = await buildUser(ctx, { name: "Bruno Keller", affiliation: { kind: "territory", territoryId: territory._id } });
  const chloe = await buildUser(ctx, { name: "Chloé Roux", affiliation: { kind: "territory", territoryId: territory._id } });
  await buildMembership(ctx, alice._id, programme._id, "lead");
  await buildMembership(ctx, bruno._id, programme._id, "editor");
  await buildMembership(ctx, chloe._id, programme._id, "partner");
  return { territory, programme, users: { alice, bruno, chloe } };
}

export type WorkspaceSuite = { server: TestServer; browser: Browser; cast: Awaited<ReturnType<typeof buildWorkspaceCast>> };

/** Registers before/after hooks of a describe(): built client, real server (with `env`), browser and cast, ready when tests run. */
export function workspaceSuite(env: Record<string, string> = {}): WorkspaceSuite {
  const suite = {} as WorkspaceSuite;
  before(async () => {
    ensureClientBuilt();
    suite.server = await startTestServer({ realOrigin: true, env });
    suite.browser = await launchBrowser();
    suite.cast = await buildWorkspaceCast(suite.server.ctx);
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

export async function newEpisode(ctx: Context, programmeId: string, createdBy: string, title: string) {
  return await ctx.services.episodes.create({ programmeId, title, createdBy });
}

/** A browser context already signed in as the user (the session cookie the sign-in form would set). */
export async function signedInContext(browser: Browser, server: TestServer, userId: string): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: "fr-FR" });
  const [name, value] = (await sessionCookieFor(server.ctx, userId)).split("=") as [string, string];
  await context.addCookies([{ name, value, url: server.origin, httpOnly: true, sameSite: "Lax" }]);
  return context;
}

export const editorBox = (page: Page) => page.getByRole("textbox", { name: "Contenu de l'épisode" });

/** Opens the editor of an episode and waits until the document is synced with the server. */
export async function openEpisode(page: Page, server: TestServer, episodeId: string): Promise<void> {
  await page.goto(`${server.origin}/atelier/episodes/${episodeId}`);
  await editorBox(page).waitFor({ timeout: 10_000 });
  await page.locator('.link-state[data-state="saved"]').waitFor({ timeout: 10_000 });
}

/** Clicks into the editor and types at the very end of the document. */
export async function typeAtEnd(page: Page, text: string): Promise<void> {
  await editorBox(page).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text);
}

/** Waits until the connection state shows the given value. */
export async function linkState(page: Page, state: "saved" | "offline" | "sending" | "connecting", timeout = 10_000): Promise<void> {
  await page.locator(`.link-state[data-state="${state}"]`).waitFor({ timeout });
}

/** The body text as the store holds it (what survives a restart), not as a browser shows it. */
export async function storedText(ctx: Context, episodeId: string): Promise<string> {
  const { update } = await ctx.repos.docs.load(episodeRoom(episodeId));
  return editorFromState(update).getEditorState().read(() => $getRoot().getTextContent());
}

export const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

/** axe-core on the page as it is now: fails with each violation's rule and elements. */
export async function assertNoViolations(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const report = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
  assert.deepEqual(report, [], `${what}:\n${report.join("\n")}`);
}

/** Replaces `wrong` at the very end of the body with `right`, then publishes it in place with « Mettre à jour » (dialog checked by axe). */
export async function correctEndInPlace(page: Page, fix: { wrong: string; right: string; reads: string; number: number }): Promise<void> {
  await typeAtEnd(page, "");
  for (let i = 0; i < fix.wrong.length; i++) await page.keyboard.press("Backspace");
  await page.keyboard.type(fix.right);
  await editorBox(page).getByText(fix.reads).waitFor();
  await linkState(page, "saved");
  await page.getByRole("button", { name: "Mettre à jour" }).click();
  const dialog = page.getByRole("dialog", { name: "Mettre à jour l'épisode publié" });
  await dialog.getByText("les abonnés ne reçoivent pas de nouvel e-mail").waitFor();
  await assertNoViolations(page, "dialogue de mise à jour");
  await dialog.getByRole("button", { name: "Mettre à jour" }).click();
  await page.getByRole("status").getByText(`Épisode #${fix.number} mis à jour.`).waitFor();
}

/** Selects `text` in the episode's text as a person does: pressing the mouse before its first letter, releasing after its last. */
export async function selectText(page: Page, text: string): Promise<void> {
  const box = await page.evaluate((needle) => {
    const root = document.querySelector(".editor-content")!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.textContent!.indexOf(needle);
      if (i < 0) continue;
      n.parentElement!.scrollIntoView({ block: "center" });
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + 1);
      const a = r.getBoundingClientRect();
      r.setStart(n, i + needle.length - 1);
      r.setEnd(n, i + needle.length);
      const b = r.getBoundingClientRect();
      return { x1: a.left + 1, y1: (a.top + a.bottom) / 2, x2: b.right - 1, y2: (b.top + b.bottom) / 2 };
    }
    return null;
  }, text);
  assert.ok(box, `« ${text} » n'est pas dans le texte`);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move(box.x2, box.y2, { steps: 5 });
  await page.mouse.up();
  assert.equal((await page.evaluate(() => window.getSelection()?.toString() ?? "")).trim(), text);
}
