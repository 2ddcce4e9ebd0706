// Double opt-in: subscribe (API and form), confirmation link used once and within 7 days, same answer for any address.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createLogger } from "../../server/log.ts";
import { createMailer } from "../../server/mail/mailer.ts";
import { subscriptionService } from "../../server/services/subscriptions.ts";
import { eventually } from "../helpers/eventually.ts";
import { buildProgramme } from "../helpers/factories.ts";
import { startTestServer, TEST_ORIGIN, type TestServer } from "../helpers/server.ts";
import { linkToken, startSmtp, type TestSmtp } from "./smtp.ts";

let smtp: TestSmtp;
let server: TestServer;

before(async () => {
  smtp = await startSmtp();
  server = await startTestServer({ env: { SMTP_URL: smtp.url } });
});
after(async () => {
  await server.close();
  await smtp.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: TEST_ORIGIN, "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const form = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  post(path, new URLSearchParams(fields).toString(), { "Content-Type": "application/x-www-form-urlencoded", ...headers });

async function confirmationToken(email: string, count = 1): Promise<string> {
  await eventually(`${count} confirmation(s) pour ${email}`, () => smtp.to(email).length >= count);
  const mails = smtp.to(email);
  assert.equal(mails.length, count, `confirmation pour ${email}`);
  return linkToken(mails.at(-1)!.text, "/abonnement/confirmer/");
}

describe("double opt-in", () => {
  test("subscribe → e-mail → GET shows a button and changes nothing → POST confirms, once", async () => {
    const programme = await buildProgramme(server.ctx, { title: "Cantines durables" });
    const res = await post("/api/subscriptions", { email: "Alice@Example.org", programmeId: programme._id });
    assert.equal(res.status, 202);
    const token = await confirmationToken("alice@example.org");
    const mail = smtp.to("alice@example.org")[0]!;
    assert.match(mail.subject, /Confirmez votre abonnement/);
    assert.match(mail.text, /Cantines durables/);
    assert.ok(mail.html.includes(`/abonnement/confirmer/${token}`));

    const sub = await server.ctx.repos.subscriptions.find("alice@example.org", programme._id);
    assert.equal(sub?.status, "pending");
    assert.notEqual(sub?.confirmTokenHash, token, "only a hash of the token is stored");
    assert.ok(!JSON.stringify(sub).includes(token));

    const page = await fetch(`${server.url}/abonnement/confirmer/${token}`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<form method="post" action="\/abonnement\/confirmer\//);
    assert.equal((await server.ctx.repos.subscriptions.byId(sub!._id))?.status, "pending", "GET must not confirm");

    const confirmed = await form(`/abonnement/confirmer/${token}`, {});
    assert.equal(confirmed.status, 200);
    assert.match(await confirmed.text(), /Abonnement confirmé/);
    assert.equal((await server.ctx.repos.subscriptions.byId(sub!._id))?.status, "active");

    const again = await form(`/abonnement/confirmer/${token}`, {});
    assert.equal(again.status, 410, "the link works once");
    const api = await post("/api/subscriptions/confirm", { token });
    assert.equal(api.status, 410);
    assert.equal((await api.json()).error.code, "invalid_link");
  });

  test("the answer is the same for a new, a pending and an active address", async () => {
    const programme = await buildProgramme(server.ctx);
    const answers: unknown[] = [];
    for (const email of ["nouveau@example.org", "nouveau@example.org"]) {
      const res = await post("/api/subscriptions", { email, programmeId: programme._id });
      answers.push([res.status, await res.json()]);
    }
    const token = await confirmationToken("nouveau@example.org", 2);
    assert.equal((await post("/api/subscriptions/confirm", { token })).status, 200);
    const res = await post("/api/subscriptions", { email: "nouveau@example.org", programmeId: programme._id });
    answers.push([res.status, await res.json()]);
    assert.deepEqual(answers[0], answers[1]);
    assert.deepEqual(answers[0], answers[2]);
    const sub = await server.ctx.repos.subscriptions.find("nouveau@example.org", programme._id);
    assert.equal(sub?.status, "active", "subscribing again leaves an active subscription alone");
  });

  test("the HTML form works without JavaScript: 303 to a French page; home form subscribes to everything", async () => {
    const res = await form("/abonnement", { email: "forme@example.org", programme: "" });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/abonnement/merci");
    const page = await fetch(`${server.url}/abonnement/merci`);
    assert.match(await page.text(), /Vérifiez votre boîte de réception/);
    await confirmationToken("forme@example.org");
    assert.equal((await server.ctx.repos.subscriptions.find("forme@example.org", "all"))?.status, "pending");
  });

  test("the home page and each programme page carry the form", async () => {
    const programme = await buildProgramme(server.ctx, { slug: "formulaire", title: "Formulaire" });
    const home = await (await fetch(`${server.url}/`)).text();
    assert.match(home, /<form class="subscribe" method="post" action="\/abonnement">/);
    assert.match(home, /name="programme" value=""/);
    const page = await (await fetch(`${server.url}/carnets/formulaire`)).text();
    assert.match(page, /Suivre « Formulaire » par e-mail/);
    assert.ok(page.includes(`name="programme" value="${programme._id}"`));
  });

  test("an unknown programme is 404; a consumed or forged token is 410", async () => {
    const res = await post("/api/subscriptions", { email: "x@example.org", programmeId: "0".repeat(24) });
    assert.equal(res.status, 404);
    assert.equal((await fetch(`${server.url}/abonnement/confirmer/${"a".repeat(43)}`)).status, 410);
  });

  test("rate limit per address: 429 with Retry-After", async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 4; i++) {
      const res = await post("/api/subscriptions", { email: "insistant@example.org" });
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get("retry-after");
        assert.equal((await res.json()).error.code, "too_many_requests");
      }
    }
    assert.deepEqual(statuses, [202, 202, 202, 429]);
    assert.ok(Number(retryAfter) > 0);
  });
});

describe("confirmation links with an injected clock", () => {
  test("valid for 7 days, not a minute more; rate limit per IP", async () => {
    let now = new Date("2025-03-01T10:00:00Z");
    const ctx = server.ctx;
    const mailer = createMailer({ smtpUrl: smtp.url, from: "Carnet <carnet@localhost>", outboxDir: "", log: createLogger({ level: "silent", pretty: false }) });
    const service = subscriptionService({
      subscriptions: ctx.repos.subscriptions,
      programmes: ctx.repos.programmes,
      mailer,
      log: ctx.log,
      publicUrl: ctx.config.publicUrl,
      secret: ctx.config.sessionSecret,
      instanceName: "Carnet",
      now: () => now,
      limits: { perIp: 2, perAddress: 3 },
    });
    const programme = await buildProgramme(ctx);
    await service.subscribe({ email: "tot@example.org", programmeId: programme._id, ip: "192.0.2.1" });
    await service.subscribe({ email: "tard@example.org", programmeId: programme._id, ip: "192.0.2.1" });
    await assert.rejects(
      service.subscribe({ email: "trois@example.org", programmeId: programme._id, ip: "192.0.2.1" }),
      (e: { status: number }) => e.status === 429,
    );
    await service.idle();
    const early = await confirmationToken("tot@example.org");
    const late = await confirmationToken("tard@example.org");

    now = new Date(now.getTime() + 7 * 24 * 3600_000 - 60_000);
    assert.equal((await service.confirm(early)).subscription.status, "active");
    now = new Date(now.getTime() + 2 * 60_000);
    await assert.rejects(service.confirm(late), (e: { status: number }) => e.status === 410);
    mailer.close();
  });
});
