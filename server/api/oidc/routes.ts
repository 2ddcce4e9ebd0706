// Provider sign-in: GET /api/session/providers (the buttons), GET /auth/oidc/:provider (leave), GET /auth/oidc/:provider/callback (come back).
import type express from "express";
import { z } from "zod";
import type { Context } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { clientIp } from "../../http/clientIp.ts";
import { sessionCookie } from "../../http/cookies.ts";
import type { ApiRoutes } from "../../http/routes.ts";
import { attemptCookie, clearedAttemptCookie, readAttemptToken } from "./cookie.ts";
import { oidcErrorPage } from "./page.ts";
import { presentProviders } from "./presenter.ts";

/** A workspace address to return to; anything else (another site, a protocol-relative address) becomes the dashboard. */
const nextParam = z
  .string()
  .max(500)
  .regex(/^\/(?![/\\])[^\s]*$/)
  .catch("/");

const startPath = (id: string, next: string) => `/auth/oidc/${id}${next === "/" ? "" : `?suite=${encodeURIComponent(next)}`}`;

export function registerOidcRoutes(app: express.Express, routes: ApiRoutes, ctx: Context): void {
  const { oidc, oidcAccounts, sessions } = ctx.services;

  routes.get("/session/providers", (req, res) => {
    const next = nextParam.parse(req.query.suite);
    const providers = oidc.list().map((p) => ({ id: p.id, label: p.label, href: startPath(p.id, next) }));
    res.json(presentProviders(ctx.config.passwordSignIn, providers));
  });

  const refused = (res: express.Response, error: unknown) => {
    if (!(error instanceof AppError) || !(error.code.startsWith("oidc_") || error.status === 429)) throw error;
    res.setHeader("Set-Cookie", clearedAttemptCookie(ctx.config));
    res.setHeader("Cache-Control", "no-store");
    for (const [name, value] of Object.entries(error.headers ?? {})) res.setHeader(name, value);
    res.status(error.status).type("html").send(oidcErrorPage(error.message, ctx.config.instanceName));
  };

  app.get("/auth/oidc/:provider", async (req, res) => {
    try {
      const { token, url } = await oidc.begin(req.params.provider, nextParam.parse(req.query.suite), clientIp(req, ctx.config.trustProxy));
      res.setHeader("Set-Cookie", attemptCookie(ctx.config, token));
      res.setHeader("Cache-Control", "no-store");
      res.redirect(303, url);
    } catch (error) {
      refused(res, error);
    }
  });

  app.get("/auth/oidc/:provider/callback", async (req, res) => {
    try {
      const search = req.originalUrl.slice(req.path.length);
      const { identity, next } = await oidc.finish(req.params.provider, readAttemptToken(ctx.config, req.headers.cookie), search);
      const user = await oidcAccounts.resolve(identity);
      // A new session id at every sign-in, as with passwords: a planted one never becomes signed in.
      if (req.sessionToken) await sessions.end(req.sessionToken);
      const token = await sessions.start(user._id, { provider: identity.provider, idToken: identity.idToken });
      res.setHeader("Set-Cookie", [clearedAttemptCookie(ctx.config), sessionCookie(ctx.config, token)]);
      res.setHeader("Cache-Control", "no-store");
      res.redirect(303, `/atelier${next}`);
    } catch (error) {
      refused(res, error);
    }
  });
}
