// A lead invites someone with an address the browser lets through but the server refuses (« @grenoble » without its ending): the workspace says what to check, in French and in English, never the server's raw French.
import { describe, test } from "node:test";
import { assertAllEnglish, inEnglish } from "./english.ts";
import { assertNoViolations, signedInContext, workspaceSuite } from "./workspace.ts";

describe("an incomplete e-mail address in the workspace", { timeout: 120_000 }, () => {
  const suite = workspaceSuite();

  test("the lead's invitation to « nadia@grenoble » is refused with words to act on, in French then in English; nothing is sent", async () => {
    const { server, browser, cast } = suite;
    const context = await signedInContext(browser, server, cast.users.alice._id);
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}/atelier/programmes/${cast.programme._id}`);
      await page.getByLabel("Adresse e-mail").fill("nadia@grenoble");
      await page.getByLabel("Rôle", { exact: true }).selectOption({ label: "rédacteur·rice" });
      await page.getByRole("button", { name: "Envoyer l'invitation" }).click();
      await page.getByRole("alert").getByText("Cette adresse e-mail n'est pas complète : vérifiez-la (par exemple prenom.nom@exemple.fr).", { exact: true }).waitFor({ timeout: 5_000 });
      await page.getByText("Aucune invitation en attente.").waitFor();
      await assertNoViolations(page, "invitation refusée");

      await inEnglish(page, server);
      await page.goto(`${server.origin}/atelier/programmes/${cast.programme._id}`);
      await page.getByLabel("E-mail address").fill("nadia@grenoble");
      await page.getByLabel("Role", { exact: true }).selectOption({ label: "editor" });
      await page.getByRole("button", { name: "Send the invitation" }).click();
      await page.getByRole("alert").getByText("This e-mail address is not complete: check it (for example firstname.lastname@example.org).", { exact: true }).waitFor({ timeout: 5_000 });
      await assertAllEnglish(page, "refused invitation");
      await assertNoViolations(page, "refused invitation");
      await page.getByText("No pending invitation.").waitFor();
    } finally {
      await context.close();
    }
  });
});
