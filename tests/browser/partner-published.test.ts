// A partner opens a published episode from the workspace, in French and in English: told it is read and commented on the public site, and led there (no editor that never connects).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { inEnglish } from "./english.ts";
import { assertNoViolations, newEpisode, signedInContext, workspaceSuite } from "./workspace.ts";

describe("a published episode opened by a partner in the workspace", { timeout: 120_000 }, () => {
  const suite = workspaceSuite();

  test("from the dashboard, the partner reads where the episode lives and follows the link to it, in French then in English", async () => {
    const { server, browser, cast } = suite;
    const draft = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "Le diagnostic");
    const published = await server.ctx.services.episodes.transition(draft._id, "publish", cast.users.alice._id);
    const context = await signedInContext(browser, server, cast.users.chloe._id);
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}/atelier/`);
      const recent = page.getByRole("region", { name: "Publiés récemment" });
      await recent.getByRole("link", { name: "Le diagnostic" }).click();
      await page.getByRole("heading", { level: 1, name: "Le diagnostic" }).waitFor({ timeout: 10_000 });
      await page.getByText("Cet épisode est publié : il se lit et se commente sur le site public.").waitFor({ timeout: 5_000 });
      assert.equal(await page.getByText("Lecture seule : cet épisode est en relecture.", { exact: false }).count(), 0, "it is not in review");
      assert.equal(await page.getByRole("textbox").count(), 0, "no editor that would never connect");
      await assertNoViolations(page, "épisode publié ouvert par une partenaire");
      await page.getByRole("link", { name: `Lire l'épisode #${published.number} sur le site public` }).click();
      await page.getByRole("heading", { level: 1, name: "#1 : Le diagnostic" }).waitFor();
      assert.equal(new URL(page.url()).pathname, `/carnets/${cast.programme.slug}/1-le-diagnostic`);

      await inEnglish(page, server);
      await page.goto(`${server.origin}/atelier/episodes/${published._id}`);
      await page.getByText("This episode is published: it is read and commented on the public site.").waitFor({ timeout: 10_000 });
      await page.getByRole("link", { name: "Read episode #1 on the public site" }).waitFor();
      await page.getByRole("link", { name: "Back to the programme" }).waitFor();
      await assertNoViolations(page, "published episode opened by a partner");
    } finally {
      await context.close();
    }
  });
});
