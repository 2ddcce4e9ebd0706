// A workspace suite whose server sends its e-mail to a test SMTP server: the set-up of the browser tests that read mail.
import { after, before } from "node:test";
import type { Attach } from "../../server/attach.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { startTestServer } from "../helpers/server.ts";
import { startSmtp, type TestSmtp, type Verdict } from "../subscriptions/smtp.ts";
import { buildWorkspaceCast, ensureClientBuilt, type WorkspaceSuite } from "./workspace.ts";

export type MailingSuite = WorkspaceSuite & { smtp: TestSmtp };

/** Registers the hooks in the calling describe block: SMTP (answering with `verdict`), then the server with `attach`, a browser and the cast; all closed after. */
export function mailingWorkspaceSuite(attach: Attach[], verdict?: Verdict): MailingSuite {
  const suite = {} as MailingSuite;
  before(async () => {
    ensureClientBuilt();
    suite.smtp = await startSmtp({ verdict });
    suite.server = await startTestServer({ realOrigin: true, env: { SMTP_URL: suite.smtp.url }, attach });
    suite.browser = await launchBrowser();
    suite.cast = await buildWorkspaceCast(suite.server.ctx);
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
    await suite.smtp?.close();
  });
  return suite;
}
