// The public forms posted from a page of another local server (another port: same site, another origin) are refused and change nothing.
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { ALL_PROGRAMMES, unsubscribeToken } from "../../server/domain/subscriptions.ts";
import { activeSubscriber } from "../subscriptions/seed.ts";
import { confirmFromMail, linkIn, mailTo, publicSuite } from "./publicSuite.ts";
import { assertNoViolations, signedInContext } from "./workspace.ts";

/** A page that copies one of our forms, action pointing at the real server, as a foreign site would. */
const foreignPage = (action: string, fields: Record<string, string>) => `<!doctype html><html lang="fr"><head><title>Ailleurs</title></head>
<body><main><h1>Un autre site</h1><form method="post" action="${action}">${Object.entries(fields)
  .map(([name, value]) => `<input type="hidden" name="${name}" value="${value}">`)
  .join("")}<button type="submit">Envoyer</button></form></main></body></html>`;

describe("public forms posted from another site", { timeout: 120_000 }, () => {
  const suite = publicSuite();
  let foreign: http.Server;
  let foreignOrigin: string;
  /** What the foreign server serves at /form/<n>. */
  const pages: string[] = [];
  before(async () => {
    foreign = http.createServer((req, res) => {
      const page = pages[Number(req.url?.split("/").at(-1))];
      res.writeHead(page ? 200 : 404, { "content-type": "text/html; charset=utf-8" }).end(page ?? "");
    });
    await new Promise<void>((resolve) => foreign.listen(0, "127.0.0.1", resolve));
    foreignOrigin = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
    assert.notEqual(foreignOrigin, suite.server.origin);
  });
  after(async () => {
    await new Promise((resolve) => foreign?.close(resolve));
  });

  test("subscribe, confirm, unsubscribe and comment forms are refused from another port, even with the partner's cookie", async (t) => {
    const started = performance.now();
    const { server, smtp, browser, cast } = suite;
    const origin = server.origin;
    // A pending subscription (its confirmation link from the e-mail) and an active one (its unsubscribe link).
    await server.ctx.services.subscriptions.subscribe({ email: "attente@example.org", programmeId: null, ip: "127.0.0.1" });
    const confirmUrl = linkIn((await mailTo(smtp, "attente@example.org", 1)).text, "/abonnement/confirmer/");
    const active = await activeSubscriber(server.ctx, "fidele@example.org", ALL_PROGRAMMES);
    const unsubscribeUrl = `${origin}/abonnement/desabonner/${unsubscribeToken(server.ctx.config.sessionSecret, active._id)}`;
    const cases: { what: string; action: string; fields: Record<string, string> }[] = [
      { what: "abonnement", action: `${origin}/abonnement`, fields: { email: "piege@example.org", programme: "" } },
      { what: "confirmation", action: confirmUrl, fields: {} },
      { what: "désabonnement", action: unsubscribeUrl, fields: {} },
      { what: "commentaire", action: `${origin}${suite.episode.path}/commentaires`, fields: { body: "Message glissé par un autre site." } },
    ];
    const context = await signedInContext(browser, server, cast.users.chloe._id);
    try {
      const page = await context.newPage();
      for (const { what, action, fields } of cases) {
        pages.push(foreignPage(action, fields));
        await page.goto(`${foreignOrigin}/form/${pages.length - 1}`);
        const answer = page.waitForResponse((res) => res.request().method() === "POST");
        await page.getByRole("button", { name: "Envoyer" }).click();
        assert.equal((await answer).status(), 403, what);
        await page.getByText("Requête refusée : elle ne vient pas de ce site.").waitFor();
        await assertNoViolations(page, `refus : ${what}`);
      }
    } finally {
      await context.close();
    }
    assert.equal(await server.ctx.repos.subscriptions.find("piege@example.org", ALL_PROGRAMMES), null);
    assert.equal((await server.ctx.repos.subscriptions.find("attente@example.org", ALL_PROGRAMMES))?.status, "pending");
    assert.equal((await server.ctx.repos.subscriptions.byId(active._id))?.status, "active");
    assert.deepEqual(await server.ctx.repos.comments.forEpisode(suite.episode.id), []);
    t.diagnostic(`durée dans le navigateur : ${Math.round(performance.now() - started)} ms`);

    // The same pending subscription still confirms from our own page: the refusal was about the origin only.
    const own = await browser.newContext({ locale: "fr-FR" });
    try {
      await confirmFromMail(await own.newPage(), smtp, "attente@example.org", "tous les programmes de La 27e Région");
    } finally {
      await own.close();
    }
  });
});
