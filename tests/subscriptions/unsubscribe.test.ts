// Unsubscribing in one click (RFC 8058 POST from a mail provider, or the link and its button), then subscribing again.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { mailQueueAttachment } from "../../server/attachments.ts";
import { eventually } from "../helpers/eventually.ts";
import { buildProgramme, buildUser, sessionCookieFor } from "../helpers/factories.ts";
import { startTestServer, TEST_ORIGIN, type TestServer } from "../helpers/server.ts";
import { activeSubscriber, drained, publishEpisode } from "./seed.ts";
import { linkToken, startSmtp, type TestSmtp } from "./smtp.ts";

let smtp: TestSmtp;
let server: TestServer;
before(async () => {
  smtp = await startSmtp();
  server = await startTestServer({ env: { SMTP_URL: smtp.url }, attach: [mailQueueAttachment({ pollMs: 30, baseDelayMs: 20 })] });
});
after(async () => {
  await server.close();
  await smtp.close();
});

/** The unsubscribe URL of the announcement an address received, from its List-Unsubscribe header, on this server. */
async function announcementTo(email: string, scope?: string) {
  const programme = await buildProgramme(server.ctx);
  const sub = await activeSubscriber(server.ctx, email, scope ?? programme._id);
  const episode = await publishEpisode(server.ctx, programme);
  await drained(server.ctx, episode._id);
  const mail = smtp.to(email).at(-1)!;
  const header = mail.header("list-unsubscribe")!;
  const url = new URL(header.slice(1, -1));
  return { sub, programme, mail, path: url.pathname, local: `${server.url}${url.pathname}` };
}

test("RFC 8058 one-click: a provider's POST, without cookie or Origin, unsubscribes at once", async () => {
  const { sub, local } = await announcementTo("unclic@example.org");
  const res = await fetch(local, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: "List-Unsubscribe=One-Click",
  });
  assert.equal(res.status, 200);
  const after = await server.ctx.repos.subscriptions.byId(sub._id);
  assert.equal(after?.status, "unsubscribed");
  // Doing it twice is harmless.
  assert.equal((await fetch(local, { method: "POST", body: "List-Unsubscribe=One-Click" })).status, 200);
});

test("the link: GET shows a button and changes nothing; the button's POST unsubscribes; no more messages", async () => {
  const { sub, mail, path, local, programme } = await announcementTo("lien@example.org");
  assert.ok(mail.text.includes(path), "the same link is in the message");
  for (let i = 0; i < 3; i++) {
    const page = await fetch(local);
    assert.equal(page.status, 200);
    assert.match(await page.text(), new RegExp(`<form method="post" action="${path.replace(/\./g, "\\.")}">`));
  }
  assert.equal((await server.ctx.repos.subscriptions.byId(sub._id))?.status, "active", "scanners prefetching GET change nothing");
  const res = await fetch(local, { method: "POST", headers: { Origin: TEST_ORIGIN, "Content-Type": "application/x-www-form-urlencoded" }, body: "" });
  assert.equal(res.status, 200);
  assert.match(await res.text(), /Désabonnement effectué/);
  assert.equal((await server.ctx.repos.subscriptions.byId(sub._id))?.status, "unsubscribed");

  const before = smtp.to("lien@example.org").length;
  const next = await publishEpisode(server.ctx, programme);
  await drained(server.ctx, next._id);
  assert.equal(smtp.to("lien@example.org").length, before);
});

test("a signed-in reader's button works; a cross-site POST carrying the session is refused", async () => {
  const { sub, local } = await announcementTo("connecte@example.org");
  const user = await buildUser(server.ctx);
  const cookie = await sessionCookieFor(server.ctx, user._id);
  const forged = await fetch(local, { method: "POST", headers: { Cookie: cookie, Origin: "https://ailleurs.example" } });
  assert.equal(forged.status, 403);
  assert.equal((await server.ctx.repos.subscriptions.byId(sub._id))?.status, "active");
  const ok = await fetch(local, { method: "POST", headers: { Cookie: cookie, Origin: TEST_ORIGIN } });
  assert.equal(ok.status, 200);
  assert.equal((await server.ctx.repos.subscriptions.byId(sub._id))?.status, "unsubscribed");
});

test("forged or altered tokens are refused; the JSON API unsubscribes too", async () => {
  const { sub, path } = await announcementTo("api@example.org");
  const token = path.split("/").at(-1)!;
  const altered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
  assert.equal((await fetch(`${server.url}/abonnement/desabonner/${altered}`, { method: "POST" })).status, 410);
  const other = `${"0".repeat(24)}.${token.split(".")[1]}`;
  assert.equal((await fetch(`${server.url}/abonnement/desabonner/${other}`)).status, 410);
  const res = await fetch(`${server.url}/api/subscriptions/unsubscribe`, {
    method: "POST",
    headers: { Origin: TEST_ORIGIN, "Content-Type": "application/json" },
    body: JSON.stringify({ token }),
  });
  assert.equal(res.status, 200);
  assert.equal((await res.json()).subscription.status, "unsubscribed");
  assert.equal((await server.ctx.repos.subscriptions.byId(sub._id))?.status, "unsubscribed");
});

test("subscribing again later works, through the opt-in again, and mail comes back", async () => {
  const { sub, local, programme } = await announcementTo("retour@example.org");
  await fetch(local, { method: "POST" });
  const res = await fetch(`${server.url}/api/subscriptions`, {
    method: "POST",
    headers: { Origin: TEST_ORIGIN, "Content-Type": "application/json" },
    body: JSON.stringify({ email: "retour@example.org", programmeId: programme._id }),
  });
  assert.equal(res.status, 202);
  const confirmation = await eventually("la demande de confirmation", () =>
    smtp.to("retour@example.org").find((m) => /Confirmez/.test(m.subject)),
  );
  const token = linkToken(confirmation.text, "/abonnement/confirmer/");
  const ok = await fetch(`${server.url}/abonnement/confirmer/${token}`, { method: "POST", headers: { Origin: TEST_ORIGIN } });
  assert.equal(ok.status, 200);
  const again = await server.ctx.repos.subscriptions.byId(sub._id);
  assert.equal(again?.status, "active", "the same record is reused");
  const next = await publishEpisode(server.ctx, programme);
  await drained(server.ctx, next._id);
  const announcements = smtp.to("retour@example.org").filter((m) => m.subject.startsWith("#"));
  assert.equal(announcements.length, 2);
});
