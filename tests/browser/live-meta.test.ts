// Title, summary and address in the atelier: two editors typing in the same title keep both changes; the address follows the title until chosen.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Page } from "playwright-core";
import { assertNoViolations, linkState, newEpisode, openEpisode, signedInContext, workspaceSuite } from "./workspace.ts";

const titleField = (page: Page) => page.getByLabel("Titre de l'épisode");

describe("workspace: live title, summary and address", { timeout: 120_000 }, () => {
  const suite = workspaceSuite();

  test("two editors type in the same title at once: both changes stay, each caret stays where its owner typed", async (t) => {
    const started = performance.now();
    const { server, browser, cast } = suite;
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "Les menus");
    const [contextA, contextB] = await Promise.all([
      signedInContext(browser, server, cast.users.alice._id),
      signedInContext(browser, server, cast.users.bruno._id),
    ]);
    try {
      const [a, b] = await Promise.all([contextA.newPage(), contextB.newPage()]);
      await openEpisode(a, server, episode._id);
      await openEpisode(b, server, episode._id);
      await titleField(a).focus();
      await a.keyboard.press("Home");
      await titleField(b).focus();
      await b.keyboard.press("End");
      // Keystrokes interleaved: Alice writes at the start while Bruno writes at the end.
      const start = "Tous ";
      const end = " d'hiver";
      for (let i = 0; i < Math.max(start.length, end.length); i++) {
        if (start[i]) await a.keyboard.type(start[i]!);
        if (end[i]) await b.keyboard.type(end[i]!);
      }
      const both = "Tous Les menus d'hiver";
      const typed = performance.now();
      for (const page of [a, b]) await page.getByRole("heading", { level: 1, name: both }).waitFor();
      t.diagnostic(`dernière frappe vue par les deux rédacteurs après ${Math.round(performance.now() - typed)} ms`);
      assert.equal(await titleField(a).inputValue(), both);
      assert.equal(await titleField(b).inputValue(), both);
      assert.equal(await titleField(a).evaluate((el) => (el as HTMLInputElement).selectionStart), start.length);
      assert.equal(await titleField(b).evaluate((el) => (el as HTMLInputElement).selectionStart), both.length);
      await Promise.all([linkState(a, "saved"), linkState(b, "saved")]);
      await assertNoViolations(a, "titre écrit à deux");

      // An emptied title is said to be missing; the store keeps the last one.
      await titleField(b).fill("");
      await b.getByRole("status").getByText("Le titre ne peut pas être vide.").waitFor();
      await a.getByRole("heading", { level: 1, name: "Sans titre" }).waitFor();
      await titleField(a).fill(both);
      await b.getByRole("heading", { level: 1, name: both }).waitFor();
      await linkState(a, "saved");
    } finally {
      await Promise.all([contextA.close(), contextB.close()]);
    }
    t.diagnostic(`durée dans le navigateur : ${Math.round(performance.now() - started)} ms`);
  });

  test("the address follows the title until an editor chooses one, which publication then keeps", async (t) => {
    const started = performance.now();
    const { server, browser, cast } = suite;
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "Premier titre");
    const context = await signedInContext(browser, server, cast.users.bruno._id);
    try {
      const page = await context.newPage();
      await openEpisode(page, server, episode._id);
      const address = page.getByLabel("Adresse de l'épisode");
      assert.equal(await address.inputValue(), "");
      await titleField(page).fill("Le goûter à l'école");
      await page.locator('input[placeholder="le-gouter-a-l-ecole"]').waitFor();
      await page.getByText("Tirée du titre à la première publication").waitFor();
      await assertNoViolations(page, "adresse tirée du titre");
      await address.fill("Goûter");
      await address.press("Tab");
      await page.getByText("L'adresse ne peut contenir que des lettres minuscules, chiffres et tirets.").waitFor();
      await address.fill("gouter");
      await address.press("Tab");
      await page.getByRole("status").getByText("Adresse enregistrée : gouter.").waitFor();
      await assertNoViolations(page, "adresse choisie");
      await linkState(page, "saved");
      const published = await server.ctx.services.episodes.transition(episode._id, "publish", cast.users.alice._id);
      assert.deepEqual([published.title, published.slug], ["Le goûter à l'école", "gouter"]);
    } finally {
      await context.close();
    }
    t.diagnostic(`durée dans le navigateur : ${Math.round(performance.now() - started)} ms`);
  });
});
