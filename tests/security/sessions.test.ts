// Sessions end everywhere (API and collaboration socket), and the per-address sign-in limit cannot be dodged.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type express from "express";
import { CloseCode } from "../../collab/server/closeCodes.ts";
import { buildEpisodeRecord, buildMembership, buildUser, TEST_PASSWORD } from "../helpers/factories.ts";
import { sessionFrom } from "../helpers/accounts.ts";
import { loadConfig } from "../../server/config.ts";
import { trustProxy } from "../../server/http/clientIp.ts";
import { startTestServer, TEST_ORIGIN } from "../helpers/server.ts";
import { castServer } from "./setup.ts";
import { connect, disconnectAll, waitFor } from "../collab/helpers.ts";

describe("security: sessions", () => {
  const env = castServer();

  const json = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${env.server.url}${path}`, {
      method,
      headers: { origin: TEST_ORIGIN, "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  /** A fresh editor signed in through the API, and a live collaboration client on a draft with that session. */
  async function editorOnline() {
    const user = await buildUser(env.server.ctx);
    await buildMembership(env.server.ctx, user._id, env.cast.programme._id, "editor");
    const signIn = await json("POST", "/api/session", { email: user.email, password: TEST_PASSWORD });
    assert.equal(signIn.status, 200);
    const cookie = sessionFrom(signIn.headers.get("set-cookie") ?? undefined)!;
    const episode = await buildEpisodeRecord(env.server.ctx, env.cast.programme._id, { status: "draft" });
    const client = connect(env.server.url, `episode-${episode._id}`, cookie, env.server.origin);
    const closes: number[] = [];
    client.provider.on("connection-close", (ev) => closes.push(ev?.code ?? 0));
    await client.synced;
    return { user, cookie, client, closes };
  }

  it("signing out closes the collaboration sockets opened with that session", async () => {
    const { cookie, client, closes } = await editorOnline();
    try {
      assert.equal((await json("DELETE", "/api/session", undefined, { cookie })).status, 204);
      await waitFor(() => closes.includes(CloseCode.SESSION_ENDED), "the socket of the ended session is closed", 5_000);
    } finally {
      disconnectAll([client]);
    }
  });

  it("deactivating an account closes its collaboration sockets and its API session", async () => {
    const { user, cookie, client, closes } = await editorOnline();
    try {
      const res = await json("PATCH", `/api/users/${user._id}`, { active: false }, { cookie: env.cast.cookies.admin });
      assert.equal(res.status, 200);
      await waitFor(() => closes.includes(CloseCode.SESSION_ENDED), "the deactivated user's socket is closed", 5_000);
      assert.equal((await fetch(`${env.server.url}/api/me`, { headers: { cookie } })).status, 401);
    } finally {
      disconnectAll([client]);
    }
  });

  it("trusts X-Forwarded-For only from the proxies TRUST_PROXY names", () => {
    const app = env.server.server.listeners("request")[0] as express.Express;
    const trusted = app.get("trust proxy fn") as (address: string, hop: number) => boolean;
    assert.equal(trusted("127.0.0.1", 0), true, "the test server names loopback");
    assert.equal(trusted("203.0.113.7", 0), false, "a client on the internet cannot name its own address");
    assert.equal(trusted("10.1.2.3", 0), false);
    const none = trustProxy(loadConfig({ DATA_DIR: env.server.dataDir }).trustProxy);
    assert.equal(none("127.0.0.1", 0), false, "by default no proxy is trusted, not even loopback");
    const compose = trustProxy(loadConfig({ DATA_DIR: env.server.dataDir, TRUST_PROXY: "172.16.0.0/12, loopback" }).trustProxy);
    assert.equal(compose("172.20.0.5", 0), true);
    assert.equal(compose("10.1.2.3", 0), false);
    assert.throws(() => loadConfig({ TRUST_PROXY: "partout" }), /TRUST_PROXY/);
  });

  it("without TRUST_PROXY, a spoofed X-Forwarded-For from loopback does not dodge the per-address limits", async () => {
    const bare = await startTestServer({ env: { TRUST_PROXY: "" } });
    try {
      const attempt = (n: number) =>
        fetch(`${bare.url}/api/session`, {
          method: "POST",
          headers: { origin: TEST_ORIGIN, "content-type": "application/json", "x-forwarded-for": `198.51.100.${n}` },
          body: JSON.stringify({ email: `usurpe-${n}@example.org`, password: "pas le bon mot de passe" }),
        });
      for (let n = 0; n < 20; n++) assert.equal((await attempt(n)).status, 401);
      assert.equal((await attempt(20)).status, 429, "every attempt counted on the socket's address");
    } finally {
      await bare.close();
    }
  });

  it("keys the per-address sign-in limit on the address the proxy saw, whatever the client puts first", async () => {
    const attempt = (spoofed: string, real: string, n: number) =>
      json("POST", "/api/session", { email: `inconnu-${real}-${n}@example.org`, password: "pas le bon mot de passe" }, {
        // What a reverse proxy forwards: the client's own header, then the address it saw.
        "x-forwarded-for": `${spoofed}, ${real}`,
      });
    for (let n = 0; n < 20; n++) assert.equal((await attempt(`198.51.100.${n}`, "203.0.113.7", n)).status, 401);
    assert.equal((await attempt("198.51.100.200", "203.0.113.7", 99)).status, 429, "a new spoofed value does not reset the count");
    assert.equal((await attempt("198.51.100.200", "203.0.113.8", 0)).status, 401, "another real address is not locked");
  });
});
