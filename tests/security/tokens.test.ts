// Secrets given to browsers and mailboxes (session, invitation, reset, confirmation) are stored only as hashes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { collections } from "../../server/store/schema.ts";
import { sessionFrom, tokenIn, waitForMail } from "../helpers/accounts.ts";
import { TEST_PASSWORD } from "../helpers/factories.ts";
import { TEST_ORIGIN } from "../helpers/server.ts";
import { castServer } from "./setup.ts";

describe("security: tokens at rest", () => {
  const env = castServer();

  const post = (path: string, body: unknown, cookie?: string) =>
    fetch(`${env.server.url}${path}`, {
      method: "POST",
      headers: { origin: TEST_ORIGIN, "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });

  /** Everything the store holds, every collection, as text. */
  async function storeText(): Promise<string> {
    const all: unknown[] = [];
    for (const { name } of collections) all.push(await env.server.ctx.store.collection(name).find({}));
    return JSON.stringify(all);
  }

  it("no session, invitation, reset or confirmation token is in the store as given out", async () => {
    const signIn = await post("/api/session", { email: env.cast.users.reader.email, password: TEST_PASSWORD });
    const session = sessionFrom(signIn.headers.get("set-cookie") ?? undefined)!.split("=")[1]!;

    assert.equal((await post(`/api/programmes/${env.cast.programme._id}/invitations`, { email: "nouvelle@example.org", role: "editor" }, env.cast.cookies.lead)).status, 201);
    const invitation = tokenIn((await waitForMail(env.server.dataDir, "nouvelle@example.org"))[0]!.text, "/atelier/invitation/");

    assert.equal((await post("/api/password-resets", { email: env.cast.users.partner.email })).status, 202);
    const reset = tokenIn((await waitForMail(env.server.dataDir, env.cast.users.partner.email))[0]!.text, "/atelier/mot-de-passe/");

    assert.equal((await post("/api/subscriptions", { email: "abonnee@example.org" })).status, 202);
    const confirm = tokenIn((await waitForMail(env.server.dataDir, "abonnee@example.org"))[0]!.text, "/abonnement/confirmer/");

    const stored = await storeText();
    assert.ok(stored.includes("abonnee@example.org"), "the dump holds the records");
    for (const [name, token] of Object.entries({ session, invitation, reset, confirm })) {
      assert.ok(token.length >= 20, name);
      assert.ok(!stored.includes(token), `the ${name} token is stored as given out`);
    }
    // The links work, so the tokens above are the real ones.
    assert.equal((await fetch(`${env.server.url}/api/invitations/${invitation}`)).status, 200);
    assert.equal((await fetch(`${env.server.url}/api/password-resets/${reset}`)).status, 200);
    assert.equal((await post("/api/subscriptions/confirm", { token: confirm })).status, 200);
    assert.equal((await post("/api/subscriptions/confirm", { token: confirm })).status, 410, "a confirmation link works once");
  });
});
