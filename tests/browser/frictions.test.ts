// Small frictions of a first week: what the sign-in screen shows and offers, what the connection state says and reads out.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { LAB } from "./publicSuite.ts";
import { assertNoViolations, linkState, newEpisode, openEpisode, signedInContext, workspaceSuite } from "./workspace.ts";

describe("workspace frictions", { timeout: 120_000 }, () => {
  const suite = workspaceSuite({ INSTANCE_NAME: LAB });

  test("the sign-in screen carries the lab's name and offers no link to screens that need an account", async () => {
    const context = await suite.browser.newContext({ locale: "fr-FR" });
    try {
      const page = await context.newPage();
      await page.goto(`${suite.server.origin}/atelier/`);
      await page.getByRole("button", { name: "Se connecter" }).waitFor({ timeout: 10_000 });
      const links = await page.getByRole("navigation", { name: "Navigation de l'atelier" }).getByRole("link").allTextContents();
      assert.deepEqual(links, ["Site public"]);
      assert.equal(await page.locator(".site-header .brand").innerText(), LAB);
      assert.equal(await page.title(), `Connexion à l'atelier — ${LAB}`);
      await assertNoViolations(page, "connexion");
    } finally {
      await context.close();
    }
  });

  test("a first connection is not announced as restored, a reconnection is; a read-only partner is told 'Connecté', not 'Enregistré'", async () => {
    const { server, browser, cast } = suite;
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "En relecture");
    await server.ctx.services.episodes.transition(episode._id, "submit", cast.users.alice._id);
    const editor = await signedInContext(browser, server, cast.users.alice._id);
    const partner = await signedInContext(browser, server, cast.users.chloe._id);
    try {
      const writing = await editor.newPage();
      await openEpisode(writing, server, episode._id);
      const reading = await partner.newPage();
      await reading.goto(`${server.origin}/atelier/episodes/${episode._id}`);
      await linkState(reading, "saved");

      const status = (page: typeof writing) => page.locator(".link-state");
      assert.equal((await status(writing).innerText()).trim(), "Enregistré sur le serveur");
      assert.equal((await status(reading).innerText()).trim(), "Connecté");
      for (const page of [writing, reading]) assert.equal(await status(page).locator("[aria-live]").textContent(), "");

      // After a real loss, coming back is news, and is read out.
      await editor.setOffline(true);
      await linkState(writing, "offline");
      await editor.setOffline(false);
      await linkState(writing, "saved");
      assert.equal(await status(writing).locator("[aria-live]").textContent(), "Connexion rétablie");
    } finally {
      await Promise.all([editor.close(), partner.close()]);
    }
  });
});
