// Bad input on every subscription path: malformed addresses and header-injection attempts answer 400, and store nothing.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { buildProgramme } from "../helpers/factories.ts";
import { startTestServer, TEST_ORIGIN, type TestServer } from "../helpers/server.ts";

let server: TestServer;
before(async () => {
  server = await startTestServer({ attach: [] });
});
after(() => server.close());

const post = (path: string, body: string, type = "application/json") =>
  fetch(`${server.url}${path}`, { method: "POST", redirect: "manual", headers: { Origin: TEST_ORIGIN, "Content-Type": type }, body });

const BAD_EMAILS = [
  "pas-une-adresse",
  "a@b",
  "victime@example.org\r\nBcc: tous@example.org",
  "victime@example.org\nBcc: tous@example.org",
  "victime@example.org\r\n",
  "victime@example.org%0d%0aBcc:tous@example.org",
  "Eve <eve@example.org>",
  "a@example.org, b@example.org",
  "a@example.org\u0000",
  `${"a".repeat(250)}@example.org`,
  "",
];

test("the JSON API refuses malformed addresses and line breaks with 400 invalid_input", async () => {
  for (const email of BAD_EMAILS) {
    const res = await post("/api/subscriptions", JSON.stringify({ email }));
    assert.equal(res.status, 400, JSON.stringify(email));
    const body = await res.json();
    assert.equal(body.error.code, "invalid_input");
  }
  assert.equal((await server.ctx.repos.subscriptions.list()).length, 0);
});

test("the HTML form refuses them too, with a French page and no redirect", async () => {
  const programme = await buildProgramme(server.ctx);
  for (const email of BAD_EMAILS) {
    const res = await post("/abonnement", new URLSearchParams({ email, programme: programme._id }).toString(), "application/x-www-form-urlencoded");
    assert.equal(res.status, 400, JSON.stringify(email));
    assert.match(res.headers.get("content-type") ?? "", /html/);
    assert.match(await res.text(), /adresse|email/i);
  }
  assert.equal((await server.ctx.repos.subscriptions.list()).length, 0);
});

test("other fields: injected programme ids, unknown keys, operators, bad tokens", async () => {
  const cases: [string, string, string?][] = [
    ["/api/subscriptions", JSON.stringify({ email: "ok@example.org", programmeId: "abc\r\nBcc: x@example.org" })],
    ["/api/subscriptions", JSON.stringify({ email: "ok@example.org", programmeId: { $ne: null } })],
    ["/api/subscriptions", JSON.stringify({ email: "ok@example.org", role: "admin" })],
    ["/api/subscriptions", JSON.stringify({ email: ["ok@example.org"] })],
    ["/api/subscriptions", "{pas du json"],
    ["/api/subscriptions/confirm", JSON.stringify({ token: "abc\r\ndef-ghijklmnop" })],
    ["/api/subscriptions/unsubscribe", JSON.stringify({ token: 42 })],
    ["/abonnement", "email=ok%40example.org&programme=x%0d%0ay", "application/x-www-form-urlencoded"],
    ["/abonnement", "email=ok%40example.org&extra=1", "application/x-www-form-urlencoded"],
  ];
  for (const [path, body, type] of cases) {
    const res = await post(path, body, type);
    assert.equal(res.status, 400, `${path} ${body}`);
  }
  const res = await fetch(`${server.url}/abonnement/desabonner/abc%0D%0Adefghijklmn`);
  assert.equal(res.status, 400);
  assert.equal((await server.ctx.repos.subscriptions.list()).length, 0);
});
