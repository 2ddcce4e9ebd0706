// A reader on a phone mistypes the address the browser lets through (« @gmail » without « .com »): the page says what to check, keeps the typed address, and the corrected one subscribes.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { confirmFromMail, publicSuite } from "./publicSuite.ts";
import { assertNoViolations } from "./workspace.ts";

describe("subscribing with a mistyped address, in a browser", { timeout: 120_000 }, () => {
  const suite = publicSuite();

  test("a phone's reader types « lecteur@gmail », reads what is wrong beside the field, corrects it in place and subscribes", async () => {
    const { server, smtp, browser, cast, programmePath } = suite;
    const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 320, height: 640 } });
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}${programmePath}`);
      await page.getByRole("link", { name: "S'abonner par e-mail" }).click();
      await page.getByLabel("Votre adresse e-mail").fill("lecteur@gmail");
      await page.getByRole("button", { name: "S'abonner" }).click();

      await page.getByRole("heading", { level: 1, name: "Adresse e-mail à vérifier" }).waitFor();
      const field = page.getByLabel("Votre adresse e-mail");
      assert.equal(await field.inputValue(), "lecteur@gmail", "the typed address is kept");
      assert.equal(await field.getAttribute("aria-invalid"), "true");
      const said = "« lecteur@gmail » n'est pas une adresse e-mail complète : vérifiez-la (par exemple prenom.nom@exemple.fr), puis envoyez-la de nouveau.";
      await page.getByText(said).waitFor();
      assert.equal(await field.evaluate((el) => document.getElementById(el.getAttribute("aria-describedby")?.split(" ")[0] ?? "")?.textContent), said);
      await page.getByRole("group", { name: `Suivre « ${cast.programme.title} » par e-mail` }).waitFor();
      await assertNoViolations(page, "adresse à vérifier");

      await field.fill("lecteur@gmail.com");
      await page.getByRole("button", { name: "S'abonner" }).click();
      await page.getByRole("heading", { level: 1, name: "Vérifiez votre boîte de réception" }).waitFor();
      await confirmFromMail(page, smtp, "lecteur@gmail.com", cast.programme.title);
      assert.equal((await server.ctx.repos.subscriptions.find("lecteur@gmail.com", cast.programme._id))?.status, "active");
    } finally {
      await context.close();
    }
  });
});
