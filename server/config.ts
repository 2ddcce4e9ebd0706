// Reads and validates the environment once; refuses to start on a bad value.
import path from "node:path";
import proxyAddr from "proxy-addr";
import { z } from "zod";
import { devSecret } from "./devSecret.ts";
import { type OidcProviderConfig, oidcProviders, oidcProvidersSchema } from "./oidc/config.ts";

const duration = z.coerce.number().int().positive();

const compiles = (proxies: string[]): boolean => {
  try {
    proxyAddr.compile(proxies);
    return true;
  } catch {
    return false;
  }
};

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    DATA_DIR: z.string().min(1).default("./data"),
    MONGODB_URL: z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, "doit commencer par mongodb:// ou mongodb+srv://")
      .optional(),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, "doit commencer par redis:// ou rediss://")
      .optional(),
    SESSION_SECRET: z.string().min(32, "doit faire au moins 32 caractères").optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "doit commencer par smtp:// ou smtps://")
      .optional(),
    MAIL_FROM: z.string().min(3).default("Carnet <carnet@localhost>"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    SESSION_IDLE_DAYS: duration.default(14),
    SESSION_ABSOLUTE_DAYS: duration.default(30),
    SEED_DEMO: z.enum(["auto", "never"]).default("auto"),
    INSTANCE_NAME: z.string().min(1).max(80).default("Carnet"),
    COLLAB_MAX_MESSAGE_BYTES: z.coerce.number().int().min(1024).default(2 * 1024 * 1024),
    COLLAB_MAX_CONNECTIONS_PER_IP: z.coerce.number().int().min(1).default(64),
    TRUST_PROXY: z
      .string()
      .default("")
      .transform((list) => list.split(",").map((p) => p.trim()).filter(Boolean))
      .refine(compiles, "adresses, sous-réseaux ou loopback/linklocal/uniquelocal, séparés par des virgules"),
    OIDC_PROVIDERS: oidcProvidersSchema,
    OIDC_CREATE_ACCOUNTS: z.enum(["true", "false"]).default("false"),
    PASSWORD_SIGN_IN: z.enum(["true", "false"]).default("true"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production") {
      if (!env.SESSION_SECRET)
        ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "obligatoire en production" });
      if (!env.PUBLIC_URL)
        ctx.addIssue({ code: "custom", path: ["PUBLIC_URL"], message: "obligatoire en production" });
    }
    if (env.REDIS_URL && !env.MONGODB_URL)
      ctx.addIssue({ code: "custom", path: ["REDIS_URL"], message: "demande MONGODB_URL : plusieurs instances partagent une base MongoDB" });
  });

/** Every variable the schema reads: each one is documented in docker-compose.yml and .env.example (tests/unit/env-documented.test.ts). */
export const ENV_NAMES: readonly string[] = Object.keys(schema.shape);

export type Config = {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  /** Origin that browsers use; requests changing state must come from it. */
  publicUrl: string;
  secureCookies: boolean;
  dataDir: string;
  mongodbUrl: string | undefined;
  /** With MONGODB_URL: several instances share rooms, events and rate limits through it. */
  redisUrl: string | undefined;
  sessionSecret: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  seedDemo: boolean;
  instanceName: string;
  /** Largest collaboration socket message accepted; bigger ones close the connection. */
  collabMaxMessageBytes: number;
  collabMaxConnectionsPerIp: number;
  /** Proxies whose X-Forwarded-For is believed; empty: the socket's peer is the client. */
  trustProxy: readonly string[];
  /** OpenID Connect providers offered beside (or instead of) passwords. */
  oidcProviders: OidcProviderConfig[];
  /** Whether a provider sign-in without account nor invitation creates an account (with no programme role). */
  oidcCreateAccounts: boolean;
  passwordSignIn: boolean;
};

export class ConfigError extends Error {}

const DAY = 24 * 60 * 60 * 1000;

/** Parses an environment into a Config; throws ConfigError with one line naming the variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? "environnement");
    throw new ConfigError(
      `Configuration invalide : ${name}=${JSON.stringify(present[name] ?? "")} — ${issue.message}`,
    );
  }
  const env = result.data;
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    publicUrl,
    secureCookies: publicUrl.startsWith("https:"),
    dataDir: path.resolve(env.DATA_DIR),
    mongodbUrl: env.MONGODB_URL,
    redisUrl: env.REDIS_URL,
    // Production refuses to start without a secret (above).
    sessionSecret: env.SESSION_SECRET ?? devSecret(path.resolve(env.DATA_DIR)),
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    logLevel: env.LOG_LEVEL,
    sessionIdleMs: env.SESSION_IDLE_DAYS * DAY,
    sessionAbsoluteMs: env.SESSION_ABSOLUTE_DAYS * DAY,
    seedDemo: env.NODE_ENV !== "production" && env.SEED_DEMO === "auto",
    instanceName: env.INSTANCE_NAME,
    collabMaxMessageBytes: env.COLLAB_MAX_MESSAGE_BYTES,
    collabMaxConnectionsPerIp: env.COLLAB_MAX_CONNECTIONS_PER_IP,
    trustProxy: env.TRUST_PROXY,
    oidcProviders: oidcProviders(env.OIDC_PROVIDERS),
    oidcCreateAccounts: env.OIDC_CREATE_ACCOUNTS === "true",
    passwordSignIn: env.PASSWORD_SIGN_IN === "true",
  };
}
