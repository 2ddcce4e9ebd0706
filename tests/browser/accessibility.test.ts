// axe-core on every workspace screen: sign-in, dashboard, programme, editor (with a collaborator), review view.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { transition } from "../../server/services/episodes.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { buildWorkspaceCast, editorBox, ensureClientBuilt, newEpisode, openEpisode, signedInContext } from "./workspace.ts";

async function assertNoViolations(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const report = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
  assert.deepEqual(report, [], `${what}:\n${report.join("\n")}`);
}

describe("workspace accessibility (axe-core)", { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let cast: Awaited<ReturnType<typeof buildWorkspaceCast>>;

  before(async () => {
    ensureClientBuilt();
    server = await startTestServer({ realOrigin: true });
    browser = await launchBrowser();
    cast = await buildWorkspaceCast(server.ctx);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test("sign-in and password reset screens", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(`${server.origin}/atelier/`);
    await page.getByRole("button", { name: "Se connecter" }).waitFor({ timeout: 10_000 });
    await assertNoViolations(page, "connexion");
    await page.getByRole("link", { name: "Mot de passe oublié ?" }).click();
    await page.getByRole("heading", { level: 1, name: "Mot de passe oublié" }).waitFor();
    await assertNoViolations(page, "mot de passe oublié");
    await context.close();
  });

  test("dashboard, programme and editor, in French and in English", async () => {
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "Accessible");
    await transition(server.ctx, (await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "Publié"))._id, "publish", cast.users.alice._id);
    const context = await signedInContext(browser, server, cast.users.alice._id);
    const other = await signedInContext(browser, server, cast.users.bruno._id);
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}/atelier/`);
      await page.getByRole("heading", { level: 2, name: "Publiés récemment" }).waitFor({ timeout: 10_000 });
      await page.getByRole("link", { name: "Publié" }).waitFor();
      await assertNoViolations(page, "tableau de bord");

      await page.getByRole("link", { name: "Cantines durables" }).click();
      await page.getByRole("heading", { level: 2, name: "Membres" }).waitFor({ timeout: 10_000 });
      await page.getByRole("table").waitFor();
      await page.getByText("Bruno Keller", { exact: false }).first().waitFor();
      await assertNoViolations(page, "programme");

      const peer = await other.newPage();
      await openEpisode(peer, server, episode._id);
      await openEpisode(page, server, episode._id);
      await editorBox(peer).click();
      await peer.keyboard.type("Curseur visible.");
      await page.locator(".presence .peer", { hasText: "Bruno Keller" }).waitFor({ timeout: 5_000 });
      await editorBox(page).getByText("Curseur visible.").waitFor({ timeout: 5_000 });
      await assertNoViolations(page, "éditeur");

      await page.getByRole("button", { name: "Lien" }).click();
      await page.getByRole("dialog", { name: "Ajouter un lien" }).waitFor();
      await assertNoViolations(page, "dialogue de lien");
      await page.getByLabel("Adresse du lien").fill("javascript:alert(1)");
      await page.getByRole("button", { name: "Ajouter le lien" }).click();
      await page.getByRole("alert").getByText("Adresse refusée", { exact: false }).waitFor();
      await page.keyboard.press("Escape");

      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("textbox", { name: "Episode content" }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
      await assertNoViolations(page, "editor in English");
      await page.reload();
      await page.getByRole("textbox", { name: "Episode content" }).waitFor({ timeout: 10_000 });
      await page.getByRole("button", { name: "Français" }).click();
    } finally {
      await Promise.all([context.close(), other.close()]);
    }
  });

  test("the partners' review view", async () => {
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "À relire");
    await transition(server.ctx, episode._id, "submit", cast.users.alice._id);
    const context = await signedInContext(browser, server, cast.users.chloe._id);
    try {
      const page = await context.newPage();
      await openEpisode(page, server, episode._id);
      await assertNoViolations(page, "relecture partenaire");
    } finally {
      await context.close();
    }
  });
});
