// A real OpenID provider (oidc-provider) on 127.0.0.1, set up like ProConnect (its scopes and claims, signed userinfo), for sign-in tests.
import { generateKeyPairSync } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, type JWK, SignJWT } from "jose";
import Provider from "oidc-provider";
import { freePort } from "./server.ts";

/** ProConnect's scopes, each naming the claim it releases. */
const PROCONNECT_CLAIMS = {
  email: ["email"],
  given_name: ["given_name"],
  usual_name: ["usual_name"],
  siret: ["siret"],
  uid: ["uid"],
  belonging_population: ["belonging_population"],
};
export const PROCONNECT_SCOPES = `openid ${Object.keys(PROCONNECT_CLAIMS).join(" ")}`;

export type AgentClaims = { email: string; given_name: string; usual_name: string; siret?: string };

/**
 * A hostile answer: the ID token's claims rewritten and signed again with the provider's own key (or not at all);
 * the authorization request's nonce replaced on arrival; the redirect back to Carnet rewritten (state, code).
 */
export type Forgery = {
  claims?: (claims: Record<string, unknown>) => Record<string, unknown>;
  unsigned?: boolean;
  nonce?: string;
  callback?: (params: URLSearchParams) => void;
};

export type TestProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Agents known to the provider, by login (also their subject). */
  agents: Map<string, AgentClaims>;
  /** The next token answers carry a forged ID token while set. */
  forge(forgery: Forgery | null): void;
  /** OIDC_PROVIDERS naming this provider first, then `extra` ones. */
  envFor(extra?: object[]): Record<string, string>;
  close(): Promise<void>;
};

/** A provider whose one client (Carnet) may come back to each of `carnetOrigins`. */
export async function startOidcProvider(carnetOrigins: string | string[], id = "proconnect"): Promise<TestProvider> {
  const origins = [carnetOrigins].flat();
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = "carnet-test";
  const clientSecret = "un secret de test assez long pour HS256, 32 octets au moins";
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid: "cle-test", use: "sig", alg: "RS256" };
  const agents = new Map<string, AgentClaims>();
  let forgery: Forgery | null = null;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: origins.map((o) => `${o}/auth/oidc/${id}/callback`),
        post_logout_redirect_uris: origins.map((o) => `${o}/atelier/connexion`),
        token_endpoint_auth_method: "client_secret_post",
        userinfo_signed_response_alg: "RS256",
      },
    ],
    jwks: { keys: [jwk as never] },
    claims: PROCONNECT_CLAIMS,
    scopes: Object.keys(PROCONNECT_CLAIMS),
    pkce: { required: () => true },
    ttl: { Interaction: 600, Grant: 3600, Session: 3600, AccessToken: 600, IdToken: 600 },
    cookies: { keys: ["cle de cookies du fournisseur de test"] },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true }, jwtUserinfo: { enabled: true } },
    async findAccount(_ctx, accountId) {
      const agent = agents.get(accountId);
      if (!agent) return undefined;
      return { accountId, claims: async () => ({ sub: accountId, uid: accountId, belonging_population: "agent", ...agent }) };
    },
    // ProConnect asks no consent of agents: the grant is given at once.
    async loadExistingGrant(ctx) {
      const oidc = ctx.oidc;
      const grant = new oidc.provider.Grant({ clientId: oidc.client!.clientId, accountId: oidc.session!.accountId! });
      grant.addOIDCScope(PROCONNECT_SCOPES);
      await grant.save();
      return grant;
    },
  });
  provider.use(async (ctx, next) => {
    if (forgery?.nonce && ctx.path === "/auth" && ctx.query.nonce) {
      const params = new URLSearchParams(ctx.querystring);
      params.set("nonce", forgery.nonce);
      ctx.querystring = params.toString();
    }
    await next();
    const location = String(ctx.response.get("location") ?? "");
    if (forgery?.callback && origins.some((o) => location.startsWith(`${o}/auth/oidc/`))) {
      const url = new URL(location);
      forgery.callback(url.searchParams);
      ctx.set("location", url.href);
    }
    const body = ctx.body as { id_token?: string } | undefined;
    if (!forgery || ctx.path !== "/token" || !body?.id_token) return;
    const claims = JSON.parse(Buffer.from(body.id_token.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
    const forged = forgery.claims ? forgery.claims(claims) : claims;
    ctx.body = {
      ...body,
      id_token: forgery.unsigned
        ? `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${Buffer.from(JSON.stringify(forged)).toString("base64url")}.`
        : await new SignJWT(forged).setProtectedHeader({ alg: "RS256", kid: jwk.kid! }).sign(privateKey),
    };
  });

  const server = http.createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    issuer: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    clientId,
    clientSecret,
    agents,
    forge(next) {
      forgery = next;
    },
    envFor(extra = []) {
      const me = { id, issuer, clientId, clientSecret, scopes: PROCONNECT_SCOPES, name: "Se connecter avec ProConnect", trustEmail: true, signedUserinfo: true };
      return { OIDC_PROVIDERS: JSON.stringify([me, ...extra]) };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
