// The OpenID Connect relying party (openid-client): sends the browser to a provider, checks what comes back, builds the sign-out address.
import type * as OpenId from "openid-client";
import { type MessageKey, t } from "../../i18n/index.ts";
import { AppError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { OidcProviderConfig } from "../oidc/config.ts";
import type { OidcAttemptsRepository } from "../repositories/oidcAttempts.ts";
import { hashToken, newToken } from "../store/ids.ts";
import type { Limit, RateLimiter } from "./rateLimit.ts";

/** Long enough to type a password and a one-time code at the provider. */
export const ATTEMPT_TTL_MS = 15 * 60 * 1000;

/** Each start writes an attempt: an address gets enough for a day of real sign-ins, not a flood of records. */
const STARTS_PER_ADDRESS: Limit = { max: 30, windowMs: ATTEMPT_TTL_MS };

export type OidcDeps = {
  providers: OidcProviderConfig[];
  attempts: OidcAttemptsRepository;
  limiter: RateLimiter;
  publicUrl: string;
  log: Logger;
  now?: () => Date;
};

/** What a provider vouched for, after every check passed. */
export type OidcIdentity = {
  provider: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string;
  siret: string | null;
  idToken: string;
};

/** Refusals of the flow, each with its sentence from the catalogue (the refusal page shows it). */
export const oidcRefusal = (status: number, code: `oidc_${string}`) => new AppError(status, code, t("fr", `oidc.error.${code}` as MessageKey));

const claim = (value: unknown): string | null => (typeof value === "string" && value.trim() ? value.trim() : null);

export const callbackPath = (providerId: string) => `/auth/oidc/${providerId}/callback`;

/** openid-client and jose (~5 MiB resident) are loaded at the first provider sign-in, not by every instance at rest. */
let loading: Promise<typeof OpenId> | null = null;
const openid = () => (loading ??= import("openid-client"));

export function oidcService(deps: OidcDeps) {
  const now = deps.now ?? (() => new Date());
  const discovered = new Map<string, Promise<OpenId.Configuration>>();

  function provider(id: string): OidcProviderConfig {
    const found = deps.providers.find((p) => p.id === id);
    if (!found) throw oidcRefusal(404, "oidc_unknown_provider");
    return found;
  }

  /** The provider's metadata, fetched once; a failed discovery is retried at the next attempt. */
  async function configuration(p: OidcProviderConfig): Promise<OpenId.Configuration> {
    const client = await openid();
    let pending = discovered.get(p.id);
    if (!pending) {
      const metadata: Partial<OpenId.ClientMetadata> = p.signedUserinfo ? { userinfo_signed_response_alg: "RS256" } : {};
      const options = new URL(p.issuer).protocol === "http:" ? { execute: [client.allowInsecureRequests] } : undefined;
      pending = client.discovery(new URL(p.issuer), p.clientId, metadata, client.ClientSecretPost(p.clientSecret), options);
      discovered.set(p.id, pending);
    }
    try {
      return await pending;
    } catch (error) {
      discovered.delete(p.id);
      deps.log.warn({ provider: p.id, err: error }, "oidc discovery failed");
      throw oidcRefusal(503, "oidc_provider_down");
    }
  }

  /** Network failures are the provider being down; anything else is a response we refuse. */
  function refusal(p: OidcProviderConfig, error: unknown, client: typeof OpenId): AppError {
    if (error instanceof AppError) return error;
    const down = error instanceof TypeError || (error instanceof Error && error.cause instanceof TypeError);
    deps.log.warn({ provider: p.id, err: error }, down ? "oidc provider unreachable" : "oidc response refused");
    if (down) return oidcRefusal(503, "oidc_provider_down");
    if (error instanceof client.AuthorizationResponseError) return oidcRefusal(400, "oidc_denied");
    return oidcRefusal(400, "oidc_rejected");
  }

  return {
    list: () => deps.providers.map((p) => ({ id: p.id, label: p.label })),

    /** Records a new attempt and returns its cookie token and the provider's authorization address. */
    async begin(providerId: string, next: string, ip: string): Promise<{ token: string; url: string }> {
      const p = provider(providerId);
      const keys: [string, Limit][] = [[`oidc:ip:${ip}`, STARTS_PER_ADDRESS]];
      await deps.limiter.check(keys);
      await deps.limiter.hit(keys);
      const config = await configuration(p);
      const client = await openid();
      const token = newToken();
      const codeVerifier = client.randomPKCECodeVerifier();
      const attempt = {
        _id: hashToken(token),
        provider: p.id,
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier,
        next,
        expiresAt: new Date(now().getTime() + ATTEMPT_TTL_MS),
      };
      await deps.attempts.purgeExpired(now());
      await deps.attempts.insert(attempt);
      const url = client.buildAuthorizationUrl(config, {
        ...p.params,
        redirect_uri: `${deps.publicUrl}${callbackPath(p.id)}`,
        scope: p.scopes,
        state: attempt.state,
        nonce: attempt.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: "S256",
      });
      return { token, url: url.href };
    },

    /** Checks the provider's answer against the attempt (state, PKCE, nonce, signature, audience, expiry) and reads the identity. */
    async finish(providerId: string, token: string | undefined, search: string): Promise<{ identity: OidcIdentity; next: string }> {
      const p = provider(providerId);
      const attempt = token ? await deps.attempts.take(hashToken(token), now()) : null;
      if (!attempt || attempt.provider !== p.id) throw oidcRefusal(400, "oidc_attempt_unknown");
      const config = await configuration(p);
      const client = await openid();
      try {
        const tokens = await client.authorizationCodeGrant(config, new URL(`${deps.publicUrl}${callbackPath(p.id)}${search}`), {
          pkceCodeVerifier: attempt.codeVerifier,
          expectedState: attempt.state,
          expectedNonce: attempt.nonce,
          idTokenExpected: true,
        });
        const idClaims = tokens.claims();
        if (!idClaims || !tokens.id_token) throw oidcRefusal(400, "oidc_rejected");
        const info = tokens.access_token ? await client.fetchUserInfo(config, tokens.access_token, idClaims.sub) : {};
        const claims: Record<string, unknown> = { ...info, ...idClaims };
        const name = [claim(claims.given_name), claim(claims.usual_name) ?? claim(claims.family_name)].filter(Boolean).join(" ");
        const email = claim(claims.email)?.toLowerCase() ?? null;
        return {
          identity: {
            provider: p.id,
            subject: idClaims.sub,
            email,
            emailVerified: claims.email_verified === true || (p.trustEmail && claims.email_verified !== false),
            name: name || claim(claims.name) || (email ?? ""),
            siret: claim(claims.siret),
            idToken: tokens.id_token,
          },
          next: attempt.next,
        };
      } catch (error) {
        throw refusal(p, error, client);
      }
    },

    /** Where to send the browser to end the provider's session too, or null when it offers no sign-out. */
    async signOutUrl(providerId: string, idToken: string, returnTo: string): Promise<string | null> {
      const p = deps.providers.find((candidate) => candidate.id === providerId);
      if (!p) return null;
      const config = await configuration(p).catch(() => null);
      if (!config?.serverMetadata().end_session_endpoint) return null;
      const client = await openid();
      return client.buildEndSessionUrl(config, {
        id_token_hint: idToken,
        post_logout_redirect_uri: returnTo,
        // ProConnect requires a state on sign-out; nothing rests on it when the browser comes back.
        state: client.randomState(),
      }).href;
    },
  };
}
export type OidcService = ReturnType<typeof oidcService>;
