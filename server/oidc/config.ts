// The OpenID Connect providers of the instance, read from OIDC_PROVIDERS (JSON) and checked at start.
import { z } from "zod";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** ProConnect's issuers (production and integration) answer to these host names. */
const PROCONNECT_HOST = /(^|\.)(proconnect\.gouv\.fr|agentconnect\.gouv\.fr|dev-agentconnect\.fr)$/;

const issuer = z
  .url({ protocol: /^https?$/ })
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === "https:" || LOOPBACK.has(url.hostname);
  }, "l'émetteur doit être en https (http seulement sur la boucle locale)");

const provider = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,32}$/, "id : minuscules, chiffres et tirets"),
    issuer,
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    scopes: z.string().min(1).default("openid email profile"),
    name: z.string().min(1).max(80).optional(),
    /** For federations whose e-mails are verified upstream without an `email_verified` claim (ProConnect). */
    trustEmail: z.boolean().optional(),
    /** The provider signs its userinfo answers (ProConnect does). */
    signedUserinfo: z.boolean().optional(),
    /** Extra authorization parameters the provider requires (ProConnect: acr_values). */
    params: z.record(z.string(), z.string()).default({}),
  })
  .strict();

export const oidcProvidersSchema = z
  .string()
  .default("[]")
  .transform((value, ctx) => {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "JSON invalide" });
      return z.NEVER;
    }
  })
  .pipe(z.array(provider).refine((list) => new Set(list.map((p) => p.id)).size === list.length, "deux fournisseurs ont le même id"));

export type OidcProviderConfig = {
  id: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  /** The button's words. */
  label: string;
  trustEmail: boolean;
  signedUserinfo: boolean;
  params: Record<string, string>;
};

export function isProConnect(issuerUrl: string): boolean {
  return PROCONNECT_HOST.test(new URL(issuerUrl).hostname);
}

export function oidcProviders(list: z.infer<typeof oidcProvidersSchema>): OidcProviderConfig[] {
  return list.map((p) => {
    const proConnect = isProConnect(p.issuer);
    return {
      id: p.id,
      issuer: p.issuer,
      clientId: p.clientId,
      clientSecret: p.clientSecret,
      scopes: p.scopes,
      label: p.name ?? (proConnect ? "Se connecter avec ProConnect" : `Se connecter avec ${p.id}`),
      trustEmail: p.trustEmail ?? proConnect,
      signedUserinfo: p.signedUserinfo ?? proConnect,
      params: p.params,
    };
  });
}
