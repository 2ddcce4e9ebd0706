// In Chromium: the lead lists themes in the settings, an editor ticks one on the episode screen, the public theme page shows the episode.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { assertNoViolations, newEpisode, openEpisode, signedInContext, workspaceSuite } from "./workspace.ts";

describe("themes in the workspace", { timeout: 120_000 }, () => {
  const suite = workspaceSuite();

  test("settings, episode control, public theme page", async () => {
    const { server, browser, cast } = suite;
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "Les cantines du quartier");
    await server.ctx.services.episodes.transition(episode._id, "publish", cast.users.alice._id);
    const context = await signedInContext(browser, server, cast.users.alice._id);
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}/atelier/programmes/${cast.programme._id}`);
      const settings = page.getByRole("region", { name: "Réglages du programme" });
      await settings.getByLabel("Thèmes").fill("Alimentation durable\nÉcoles");
      await settings.getByRole("button", { name: "Enregistrer" }).click();
      await settings.getByRole("status").getByText("Réglages enregistrés", { exact: false }).waitFor({ timeout: 10_000 });

      await openEpisode(page, server, episode._id);
      const themes = page.getByRole("group", { name: "Thèmes de l'épisode" });
      await themes.getByRole("checkbox", { name: "Alimentation durable" }).check();
      await themes.getByRole("status").getByText("Thèmes enregistrés.").waitFor();
      await assertNoViolations(page, "épisode avec thèmes");

      await page.goto(`${server.origin}/carnets/${cast.programme.slug}/themes/alimentation-durable`);
      await page.getByRole("heading", { level: 1, name: "Thème « Alimentation durable »" }).waitFor();
      assert.equal(await page.getByRole("link", { name: /Les cantines du quartier/ }).count(), 1);
      await assertNoViolations(page, "page de thème");
    } finally {
      await context.close();
    }
  });
});
