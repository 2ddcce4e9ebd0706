// OIDC_PROVIDERS, OIDC_CREATE_ACCOUNTS and PASSWORD_SIGN_IN: parsed at start, refused with one line naming the variable.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError, loadConfig } from "../../server/config.ts";
import { tempDir } from "../helpers/tmp.ts";

const load = (env: Record<string, string>) => loadConfig({ DATA_DIR: tempDir(), ...env });
const provider = { id: "proconnect", issuer: "https://auth.agentconnect.gouv.fr/api/v2", clientId: "id", clientSecret: "secret" };

describe("OpenID Connect configuration", () => {
  it("has no provider, keeps passwords and creates no account by default", () => {
    const c = load({});
    assert.deepEqual(c.oidcProviders, []);
    assert.equal(c.passwordSignIn, true);
    assert.equal(c.oidcCreateAccounts, false);
  });

  it("names ProConnect's button and trusts its e-mails and signed userinfo; another provider keeps its given name", () => {
    const keycloak = { id: "keycloak", issuer: "https://sso.exemple.fr/realms/lab", clientId: "c", clientSecret: "s", name: "Compte du labo" };
    const [pc, kc] = load({ OIDC_PROVIDERS: JSON.stringify([provider, keycloak]), PASSWORD_SIGN_IN: "false" }).oidcProviders;
    assert.equal(pc?.label, "Se connecter avec ProConnect");
    assert.equal(pc?.trustEmail, true);
    assert.equal(pc?.signedUserinfo, true);
    assert.equal(kc?.label, "Compte du labo");
    assert.equal(kc?.trustEmail, false);
    assert.equal(kc?.scopes, "openid email profile");
  });

  for (const [what, value, expected] of [
    ["invalid JSON", "[{", /OIDC_PROVIDERS=.*JSON invalide/],
    ["an http issuer off loopback", JSON.stringify([{ ...provider, issuer: "http://sso.exemple.fr" }]), /https/],
    ["two providers with one id", JSON.stringify([provider, provider]), /même id/],
    ["an unknown field", JSON.stringify([{ ...provider, clientSecrett: "x" }]), /OIDC_PROVIDERS/],
    ["a missing secret", JSON.stringify([{ ...provider, clientSecret: undefined }]), /OIDC_PROVIDERS/],
  ] as const) {
    it(`refuses ${what}`, () => {
      assert.throws(() => load({ OIDC_PROVIDERS: value }), (e: unknown) => e instanceof ConfigError && expected.test(e.message));
    });
  }
});
