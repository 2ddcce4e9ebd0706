// Builds the Express application: security headers, parsing, session, API, pages, errors.
import { randomUUID } from "node:crypto";
import path from "node:path";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import type { Context } from "./context.ts";
import { loadActor } from "./http/actor.ts";
import { sessionCookieName } from "./http/cookies.ts";
import { csrfGuard } from "./http/csrf.ts";
import { apiNotFound, errorHandler } from "./http/errorHandler.ts";
import { apiRoutes } from "./http/routes.ts";
import { errorPage } from "./pages/layout.ts";
import { registerHealth } from "./api/health/routes.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

export function createApp(ctx: Context): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.set("etag", "strong");

  app.use(
    pinoHttp({
      logger: ctx.log,
      genReqId: (_req, res) => {
        const id = randomUUID();
        res.setHeader("X-Request-Id", id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === "/healthz" },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", "data:", "blob:"],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          ...(ctx.config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: ctx.config.secureCookies,
    }),
  );
  app.use(compression());

  const cookieName = sessionCookieName(ctx.config);
  app.use(csrfGuard(ctx.config.publicUrl, cookieName));
  app.use(express.json({ limit: "1mb", strict: true }));
  app.use(express.urlencoded({ extended: false, limit: "100kb" }));
  app.use(loadActor(ctx.services.sessions, cookieName));

  const api = express.Router();
  const routes = apiRoutes(api);
  registerHealth(app, ctx);
  // API resources register here, one line each.
  void routes;
  app.use("/api", api);
  app.use("/api", apiNotFound);

  app.use("/assets", express.static(path.join(ROOT, "server/pages/assets"), { maxAge: "1h" }));
  app.use((_req, res) => {
    res.status(404).type("html").send(errorPage(404, ""));
  });
  app.use(errorHandler(errorPage));
  return app;
}
