// An editor schedules an episode in the publish dialog (Paris date and time), reschedules it; at the time it is published with its number.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { collabAttachment } from "../../collab/server/index.ts";
import { mailQueueAttachment, scheduledPublicationAttachment } from "../../server/attachments.ts";
import { fromParis, toParis } from "../../server/domain/parisTime.ts";
import { programmePath } from "../../server/pages/urls.ts";
import { testClock } from "../schedule/setup.ts";
import { activeSubscriber } from "../subscriptions/seed.ts";
import { mailingWorkspaceSuite } from "./mailingSuite.ts";
import { mailTo } from "./publicSuite.ts";
import {
  assertNoViolations,
  linkState,
  newEpisode,
  openEpisode,
  signedInContext,
  typeAtEnd,
} from "./workspace.ts";

const DAY_MS = 86_400_000;
/** What the atelier shows for a Paris wall clock, whatever the browser's own zone. */
const shown = (date: string, time: string) =>
  `Publication programmée le ${new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "Europe/Paris" }).format(fromParis({ date, time })!)} à ${time}`;

describe("scheduled publication in a browser", { timeout: 180_000 }, () => {
  const clock = testClock();
  const suite = mailingWorkspaceSuite([
    mailQueueAttachment({ pollMs: 30 }),
    scheduledPublicationAttachment({ now: clock.now, tickMs: 50 }),
    collabAttachment,
  ]);

  test("schedule by typing a Paris date and time, see it, reschedule; at the time the public page shows it with its number", async () => {
    const { server, smtp, browser, cast } = suite;
    const ctx = server.ctx;
    const email = "lectrice@example.org";
    await activeSubscriber(ctx, email, cast.programme._id);
    const draft = await newEpisode(ctx, cast.programme._id, cast.users.alice._id, "Le goûter partagé");
    const editor = await signedInContext(browser, server, cast.users.bruno._id);
    try {
      const page = await editor.newPage();
      // The editor works from Montréal: the dialog still speaks Paris time.
      await (await editor.newCDPSession(page)).send("Emulation.setTimezoneOverride", { timezoneId: "America/Montreal" });
      await openEpisode(page, server, draft._id);
      await typeAtEnd(page, "Le goûter a réuni trois écoles.");
      await linkState(page, "saved");

      const day = toParis(new Date(Date.now() + 2 * DAY_MS)).date;
      await page.getByRole("button", { name: "Publier", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: "Publier l'épisode" });
      await dialog.getByText("Date et heure de Paris (Europe/Paris)").waitFor();
      // An empty date is refused by the dialog itself, then the editor fills in the Paris date and time.
      await dialog.getByRole("button", { name: "Programmer" }).click();
      await dialog.getByRole("alert").getByText("Indiquez une date et une heure.").waitFor();
      await dialog.getByLabel("Date (Paris)").fill(day);
      await dialog.getByLabel("Heure (Paris)").fill("09:30");
      await assertNoViolations(page, "dialogue de publication avec la programmation");
      await dialog.getByRole("button", { name: "Programmer" }).click();
      await dialog.waitFor({ state: "detached" });
      await page.getByRole("complementary").getByText(shown(day, "09:30")).first().waitFor();
      assert.equal((await ctx.repos.schedules.byId(draft._id))?.at.toISOString(), fromParis({ date: day, time: "09:30" })!.toISOString());
      await assertNoViolations(page, "épisode programmé");

      // Rescheduled a little later the same day.
      await page.getByRole("button", { name: "Publier", exact: true }).click();
      await dialog.getByLabel("Date (Paris)").waitFor();
      assert.equal(await dialog.getByLabel("Date (Paris)").inputValue(), day);
      assert.equal(await dialog.getByLabel("Heure (Paris)").inputValue(), "09:30");
      await dialog.getByLabel("Heure (Paris)").fill("10:15");
      await dialog.getByRole("button", { name: "Reprogrammer" }).click();
      await dialog.waitFor({ state: "detached" });
      await page.getByRole("complementary").getByText(shown(day, "10:15")).first().waitFor();
      assert.equal((await ctx.repos.schedules.byId(draft._id))?.at.toISOString(), fromParis({ date: day, time: "10:15" })!.toISOString());

      // The programme's list in the atelier says so too.
      await page.goto(`${server.origin}/atelier/programmes/${cast.programme._id}`);
      await page.getByRole("row", { name: /Le goûter partagé/ }).getByText(shown(day, "10:15")).waitFor();

      // Another episode is published by hand meanwhile: the scheduled one is numbered when it comes out, after it.
      const other = await newEpisode(ctx, cast.programme._id, cast.users.alice._id, "Le bilan d'étape");
      const first = await ctx.services.episodes.transition(other._id, "publish", cast.users.alice._id);
      clock.advance(3 * DAY_MS);
      const announcement = await mailTo(smtp, email, 2);
      const number = first.number! + 1;
      assert.match(announcement.subject, new RegExp(`^#${number} — Le goûter partagé`));

      const reader = await browser.newContext({ locale: "fr-FR" });
      try {
        const pub = await reader.newPage();
        await pub.goto(`${server.origin}${programmePath(cast.programme.slug)}`);
        await pub.getByRole("link", { name: /Le goûter partagé/ }).first().click();
        await pub.getByRole("heading", { level: 1, name: /Le goûter partagé/ }).waitFor();
        await pub.getByText(`#${number}`).first().waitFor();
        await pub.getByText("Le goûter a réuni trois écoles.").waitFor();
        await assertNoViolations(pub, "épisode publié à l'heure programmée");
      } finally {
        await reader.close();
      }
      assert.equal(smtp.to(email).filter((m) => m.subject.includes("Le goûter partagé")).length, 1);
    } finally {
      await editor.close();
    }
  });
});
