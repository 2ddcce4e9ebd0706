// Proposed wordings in English, in Chromium: a partner suggests a sentence, the lead accepts it; every text is read from the English workspace.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Page } from "playwright-core";
import { assertAllEnglish, inEnglish } from "./english.ts";
import { thread, waitHighlights } from "./reviewPage.ts";
import { assertNoViolations, linkState, newEpisode, selectText, signedInContext, storedText, workspaceSuite } from "./workspace.ts";

const body = (page: Page) => page.getByRole("textbox", { name: "Episode content" });

describe("proposed wordings in English, in a browser", { timeout: 180_000 }, () => {
  const suite = workspaceSuite();

  async function englishPageAs(userId: string): Promise<Page> {
    const page = await (await signedInContext(suite.browser, suite.server, userId)).newPage();
    await inEnglish(page, suite.server);
    return page;
  }

  test("a partner suggests wording in English; the lead accepts it and both read the outcome in English", async () => {
    const { server, cast } = suite;
    const text = "First finding. The town hall decided. End of the text.";
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, "Suggestions");

    // The lead writes and submits for review, in English.
    const editor = await englishPageAs(cast.users.alice._id);
    await editor.goto(`${server.origin}/atelier/episodes/${episode._id}`);
    await linkState(editor, "saved");
    await body(editor).click();
    await editor.keyboard.type(text);
    await linkState(editor, "saved");
    assert.equal((await editor.locator(".link-state").innerText()).trim(), "Saved on the server");
    await editor.getByRole("button", { name: "Submit for review" }).click();
    await editor.locator(".badge.review", { hasText: "In review" }).waitFor({ timeout: 5_000 });
    await assertAllEnglish(editor, "the lead's episode in review");

    // The partner reads it live, read-only, and suggests another wording.
    const partner = await englishPageAs(cast.users.chloe._id);
    await partner.goto(`${server.origin}/atelier/episodes/${episode._id}`);
    await body(partner).getByText(text).waitFor({ timeout: 10_000 });
    await partner.getByText("Read-only: this episode is in review. The text updates live.").waitFor();
    await partner.getByText("No review thread yet.").waitFor();
    await assertAllEnglish(partner, "the partner's read-only view");
    await selectText(partner, "The town hall decided.");
    await partner.getByRole("button", { name: "Suggest wording" }).click();
    const dialog = partner.getByRole("dialog", { name: "Suggest wording" });
    await dialog.locator("blockquote", { hasText: "The town hall decided." }).waitFor();
    await dialog.getByText("Leave this field empty to suggest deleting the passage.").waitFor();
    await dialog.getByLabel("Suggested text").fill("The metropolitan council decided.");
    await dialog.getByLabel("Explanation (optional)").fill("School meals are a metropolitan competence.");
    await assertAllEnglish(partner, "the suggestion dialog");
    await assertNoViolations(partner, "the suggestion dialog");
    await dialog.getByRole("button", { name: "Send the suggestion" }).click();
    await partner.locator("[aria-live=polite]", { hasText: "Suggestion sent to the team." }).waitFor({ timeout: 5_000 });

    // The lead hears of it, reads it beside the passage, and accepts it.
    const card = thread(editor, "metropolitan council");
    const heading = "Suggestion by Chloé Roux (Métropole de Lyon): replace “The town hall decided.” with “The metropolitan council decided.”";
    await card.getByRole("heading", { name: heading }).waitFor({ timeout: 5_000 });
    await card.getByText("School meals are a metropolitan competence.").waitFor();
    await editor.locator("[aria-live=polite]", { hasText: "New wording suggestion from Chloé Roux." }).waitFor();
    await waitHighlights(editor, ["The town hall decided."], "suggestion");
    await assertAllEnglish(editor, "the lead's page with a suggestion");
    await assertNoViolations(editor, "the lead's page with a suggestion");
    await editor.getByRole("button", { name: "Publish", exact: true }).click();
    const publish = editor.getByRole("dialog", { name: "Publish the episode" });
    await publish.getByText("1 review thread is still open, a wording suggestion: publishing is not blocked.").waitFor();
    await assertAllEnglish(editor, "the publish dialog");
    await publish.getByRole("button", { name: "Cancel" }).click();
    await card.getByRole("button", { name: "Accept" }).click();

    // Both read the new text and the outcome, in English.
    const after = "First finding. The metropolitan council decided. End of the text.";
    for (const page of [editor, partner]) {
      await page.waitForFunction((want) => document.querySelector(".editor-content")?.textContent === want, after, { timeout: 5_000 });
      await thread(page, "metropolitan council").getByText("Accepted by Alice Martin").waitFor({ timeout: 5_000 });
      await waitHighlights(page, [], "suggestion");
    }
    await partner.locator("[aria-live=polite]", { hasText: "Alice Martin accepted the suggestion by Chloé Roux." }).waitFor();
    await assertAllEnglish(partner, "the partner's page after the decision");
    await assertAllEnglish(editor, "the lead's page after the decision");
    await assertNoViolations(partner, "the partner's page after the decision");
    await linkState(editor, "saved");
    assert.equal(await storedText(server.ctx, episode._id), after);
  });
});
