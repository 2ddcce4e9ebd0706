// The workspace on a 320-pixel phone (or at 400 % zoom): the header's tools and the episode's fields wrap and shrink instead of running off the screen.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Page } from "playwright-core";
import { buildMembership, buildUser, sessionCookieFor } from "../helpers/factories.ts";
import { assertNoViolations, linkState, newEpisode, workspaceSuite } from "./workspace.ts";

/** The elements that reach past the window's right edge, described for the failure message. */
const pastTheEdge = (page: Page) =>
  page.evaluate(() => {
    const edge = document.documentElement.clientWidth;
    return [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > edge + 0.5)
      .map((el) => `<${el.tagName.toLowerCase()} class="${el.className}"> ${(el.textContent ?? "").slice(0, 40)}`);
  });

describe("the workspace on a 320-pixel phone", { timeout: 120_000 }, () => {
  const suite = workspaceSuite();

  test("an administrator who also writes reaches « Se déconnecter » and writes an episode without scrolling sideways", async () => {
    const { server, browser, cast } = suite;
    const editor = await buildUser(server.ctx, { name: "Dominique Roux", isAdmin: true });
    await buildMembership(server.ctx, editor._id, cast.programme._id, "editor");
    const episode = await newEpisode(server.ctx, cast.programme._id, editor._id, "Sur le terrain");
    const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
    const [name, value] = (await sessionCookieFor(server.ctx, editor._id)).split("=") as [string, string];
    await context.addCookies([{ name, value, url: server.origin, httpOnly: true, sameSite: "Lax" }]);
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}/atelier/`);
      await page.getByRole("heading", { level: 1, name: "Tableau de bord" }).waitFor({ timeout: 10_000 });
      assert.deepEqual(await pastTheEdge(page), [], "tableau de bord");
      await assertNoViolations(page, "tableau de bord à 320 px");

      await page.goto(`${server.origin}/atelier/episodes/${episode._id}`);
      await linkState(page, "saved");
      await page.getByLabel("Titre de l'épisode").waitFor();
      assert.deepEqual(await pastTheEdge(page), [], "éditeur");
      await assertNoViolations(page, "éditeur à 320 px");

      await page.getByRole("button", { name: "Se déconnecter" }).click();
      await page.getByRole("button", { name: "Se connecter" }).waitFor({ timeout: 10_000 });
    } finally {
      await context.close();
    }
  });
});
