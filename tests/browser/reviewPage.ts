// What a workspace page shows of its review: the passages it highlights, a thread's card in the panel; an episode put in review.
import type { Page } from "playwright-core";
import type { TestServer } from "../helpers/server.ts";
import { editorBox, linkState, newEpisode, openEpisode, typeAtEnd, type WorkspaceSuite } from "./workspace.ts";

/** The texts of the page's CSS highlight `name`: "review" for open threads, "suggestion" for open proposals. */
export const highlighted = (page: Page, name = "review") =>
  page.evaluate((n) => [...((CSS.highlights.get(n) as Iterable<AbstractRange> | undefined) ?? [])].map((r) => (r as Range).toString()), name);

/** Waits until the page's highlight `name` covers exactly `expected`, in order. */
export async function waitHighlights(page: Page, expected: string[], name = "review"): Promise<void> {
  await page.waitForFunction(
    ([n, want]) => JSON.stringify([...((CSS.highlights.get(n) as Iterable<Range> | undefined) ?? [])].map((r) => r.toString())) === JSON.stringify(want),
    [name, expected] as const,
    { timeout: 5_000 },
  );
}

/** The panel's card of the thread that says `text`. */
export const thread = (page: Page, text: string) => page.locator(".review-thread", { hasText: text });

/** Milliseconds until each page shows `locator`'s target, from `since`. */
export async function arrival(pages: Page[], find: (p: Page) => ReturnType<Page["locator"]>, since: number): Promise<number[]> {
  return await Promise.all(
    pages.map(async (p) => {
      await find(p).waitFor({ timeout: 5_000 });
      return Date.now() - since;
    }),
  );
}

/** Alice (lead) writes `text` in a new episode and submits it for review; Chloé (partner) then reads it, with no thread yet. */
export async function inReview(server: TestServer, cast: WorkspaceSuite["cast"], pageAs: (userId: string) => Promise<Page>, title: string, text: string) {
  const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.alice._id, title);
  const editor = await pageAs(cast.users.alice._id);
  await openEpisode(editor, server, episode._id);
  await typeAtEnd(editor, text);
  await linkState(editor, "saved");
  await editor.getByRole("button", { name: "Soumettre en relecture" }).click();
  await editor.locator(".badge.review").waitFor({ timeout: 5_000 });
  const partner = await pageAs(cast.users.chloe._id);
  await partner.goto(`${server.origin}/atelier/episodes/${episode._id}`);
  await editorBox(partner).getByText(text).waitFor({ timeout: 10_000 });
  await partner.getByText("Aucun fil de relecture pour l'instant.").waitFor({ timeout: 5_000 });
  return { episode, editor, partner };
}
