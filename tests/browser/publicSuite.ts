// Shared set-up of the public-form browser tests: a server with a real SMTP sink, a cast, a published episode, and steps a reader takes.
import assert from "node:assert/strict";
import { after, before } from "node:test";
import type { Browser, Page } from "playwright-core";
import { collabAttachment } from "../../collab/server/index.ts";
import { mailQueueAttachment } from "../../server/attachments.ts";
import { episodePath, programmePath } from "../../server/pages/urls.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { startSmtp, type TestSmtp } from "../subscriptions/smtp.ts";
import { assertNoViolations, buildWorkspaceCast, newEpisode } from "./workspace.ts";

/** The lab's name: the badge of its staff on comments, and the name of "every programme". */
export const LAB = "La 27e Région";

export type PublicSuite = {
  server: TestServer;
  smtp: TestSmtp;
  browser: Browser;
  cast: Awaited<ReturnType<typeof buildWorkspaceCast>>;
  /** Public address of the cast's programme. */
  programmePath: string;
  /** Its first published episode. */
  episode: Published;
};

type Published = { id: string; path: string };

/** Publishes a new episode of the cast's programme as Alice (the lead). */
export async function publishNew(suite: PublicSuite, title: string): Promise<Published> {
  const draft = await newEpisode(suite.server.ctx, suite.cast.programme._id, suite.cast.users.alice._id, title);
  const episode = await suite.server.ctx.services.episodes.transition(draft._id, "publish", suite.cast.users.alice._id);
  return { id: episode._id, path: episodePath(suite.cast.programme.slug, episode.number ?? 0, episode.slug) };
}

/** Registers before/after hooks of a describe(): SMTP sink, real server with its mail queue, browser, cast. */
export function publicSuite(): PublicSuite {
  const suite = {} as PublicSuite;
  before(async () => {
    suite.smtp = await startSmtp();
    suite.server = await startTestServer({
      realOrigin: true,
      env: { SMTP_URL: suite.smtp.url, INSTANCE_NAME: LAB },
      // The collaboration socket too: the team's journeys edit in the atelier.
      attach: [mailQueueAttachment({ pollMs: 30, baseDelayMs: 20 }), collabAttachment],
    });
    suite.browser = await launchBrowser();
    suite.cast = await buildWorkspaceCast(suite.server.ctx);
    suite.programmePath = programmePath(suite.cast.programme.slug);
    suite.episode = await publishNew(suite, "Le diagnostic");
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
    await suite.smtp?.close();
  });
  return suite;
}

/** Waits until an address has received `count` messages; returns the last one. */
export async function mailTo(smtp: TestSmtp, email: string, count: number) {
  const until = Date.now() + 15_000;
  while (smtp.to(email).length < count) {
    assert.ok(Date.now() < until, `${count} message(s) attendu(s) pour ${email}, ${smtp.to(email).length} reçu(s)`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return smtp.to(email).at(-1)!;
}

/** The absolute link of the given path in a message's text. */
export function linkIn(text: string, path: string): string {
  const found = new RegExp(`https?://[^\\s>]+${path.replace(/\//g, "\\/")}[A-Za-z0-9_.-]+`).exec(text);
  assert.ok(found, `pas de lien ${path} dans : ${text}`);
  return found[0];
}

/** Types an address in the page's subscribe form and sends it, as a reader does; ends on the "check your inbox" page. */
export async function subscribeFrom(page: Page, url: string, email: string, what: string): Promise<void> {
  await page.goto(url);
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await assertNoViolations(page, what);
  // The reader takes the shortcut near the top (on a phone the form comes after everything else).
  await page.getByRole("link", { name: "S'abonner par e-mail" }).click();
  const field = page.getByLabel("Votre adresse e-mail");
  const box = await field.boundingBox();
  const viewport = page.viewportSize();
  assert.ok(box && viewport && box.y >= 0 && box.y + box.height <= viewport.height, `${what} : le champ e-mail est visible après le lien`);
  await field.fill(email);
  await page.getByRole("button", { name: "S'abonner" }).click();
  await page.getByRole("heading", { level: 1, name: "Vérifiez votre boîte de réception" }).waitFor();
  await assertNoViolations(page, `${what} : envoyé`);
}

/** Opens the confirmation link of the e-mail, reads what it confirms, presses the button. */
export async function confirmFromMail(page: Page, smtp: TestSmtp, email: string, title: string): Promise<void> {
  const mail = await mailTo(smtp, email, 1);
  await page.goto(linkIn(mail.text, "/abonnement/confirmer/"));
  await page.getByRole("heading", { level: 1, name: "Confirmer l'abonnement" }).waitFor();
  await page.getByText(`Recevoir par e-mail les nouveaux épisodes de : ${title}.`).waitFor();
  await assertNoViolations(page, "confirmer l'abonnement");
  await page.getByRole("button", { name: "Confirmer mon abonnement" }).click();
  await page.getByRole("heading", { level: 1, name: "Abonnement confirmé" }).waitFor();
  await page.getByText(`Vous recevrez par e-mail les nouveaux épisodes de : ${title}.`).waitFor();
  await assertNoViolations(page, "abonnement confirmé");
}
