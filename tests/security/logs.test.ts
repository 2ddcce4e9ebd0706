// What the server logs never holds a password, a session cookie or the secret token of an e-mailed link.
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { loadConfig } from "../../server/config.ts";
import { unsubscribeToken } from "../../server/domain/subscriptions.ts";
import { createLogger } from "../../server/log.ts";
import { startServer } from "../../server/server.ts";
import { buildInvitationLink, buildResetLink, tokenIn, waitForMail } from "../helpers/accounts.ts";
import { buildProgramme, buildUser, TEST_PASSWORD } from "../helpers/factories.ts";
import { TEST_ORIGIN, type TestServer } from "../helpers/server.ts";
import { tempDir } from "../helpers/tmp.ts";

describe("security: logs", () => {
  let server: TestServer;
  const lines: string[] = [];
  const logged = () => lines.join("");

  before(async () => {
    const dataDir = tempDir();
    const config = loadConfig({
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: "0",
      DATA_DIR: dataDir,
      PUBLIC_URL: TEST_ORIGIN,
      LOG_LEVEL: "debug",
      SEED_DEMO: "never",
    });
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = createLogger({ level: config.logLevel, pretty: false, destination });
    server = { ...(await startServer(config, log)), dataDir, origin: TEST_ORIGIN };
  });
  after(async () => {
    await server.close();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { origin: TEST_ORIGIN, "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });

  it("holds no session cookie (sent or set) and no password", async () => {
    const user = await buildUser(server.ctx);
    const signIn = await post("/api/session", { email: user.email, password: TEST_PASSWORD });
    assert.equal(signIn.status, 200);
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
    const token = cookie.split("=")[1]!;
    assert.equal((await fetch(`${server.url}/api/me`, { headers: { cookie } })).status, 200);
    const change = await post("/api/me/password", { currentPassword: TEST_PASSWORD, newPassword: "une phrase de passe toute neuve" }, { cookie });
    assert.equal(change.status, 204);
    assert.match(logged(), /request completed/, "requests are logged at all");
    assert.ok(!logged().includes(token), "the session token is not logged");
    assert.ok(!logged().includes(TEST_PASSWORD), "the password is not logged");
    assert.ok(!logged().includes("une phrase de passe toute neuve"), "the new password is not logged");
  });

  it("holds no token of an invitation, reset, confirmation or unsubscribe link", async () => {
    const programme = await buildProgramme(server.ctx);
    const user = await buildUser(server.ctx);
    const invitation = await buildInvitationLink(server.ctx, { programmeId: programme._id, email: "invitee@example.org", role: "editor" });
    const reset = await buildResetLink(server.ctx, user);
    assert.equal((await post("/api/subscriptions", { email: "lectrice@example.org" })).status, 202);
    const [mail] = await waitForMail(server.dataDir, "lectrice@example.org");
    const confirm = tokenIn(mail!.text, "/abonnement/confirmer/");
    const sub = (await server.ctx.store.collection<{ _id: string; email: string }>("subscriptions").find({ email: "lectrice@example.org" }))[0]!;
    const unsubscribe = unsubscribeToken(server.ctx.config.sessionSecret, sub._id);

    const visits: [string, string][] = [
      ["GET", `/api/invitations/${invitation}`],
      ["GET", `/atelier/invitation/${invitation}`],
      ["GET", `/api/password-resets/${reset}`],
      ["GET", `/atelier/mot-de-passe/${reset}`],
      ["GET", `/abonnement/confirmer/${confirm}`],
      ["POST", `/abonnement/confirmer/${confirm}`],
      ["GET", `/abonnement/desabonner/${unsubscribe}`],
      ["POST", `/abonnement/desabonner/${unsubscribe}`],
    ];
    for (const [method, path] of visits) {
      const res = await fetch(`${server.url}${path}`, { method, headers: { origin: TEST_ORIGIN, accept: "text/html" } });
      assert.ok(res.status < 400, `${method} ${path} answers ${res.status}`);
    }
    const reached = await post(`/api/password-resets/${reset}`, { password: "un tout nouveau mot de passe" });
    assert.equal(reached.status, 204);
    for (const [name, token] of Object.entries({ invitation, reset, confirm, unsubscribe }))
      assert.ok(!logged().includes(token), `the ${name} token is not logged`);
    assert.match(logged(), /\/abonnement\/confirmer\//, "the address is still logged, without its token");
  });
});
