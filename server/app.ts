// Builds the Express application: security headers, parsing, session, API, pages, errors.
import { randomUUID } from "node:crypto";
import path from "node:path";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import type { Context } from "./context.ts";
import { loadActor } from "./http/actor.ts";
import { trustProxy } from "./http/clientIp.ts";
import { sessionCookieName } from "./http/cookies.ts";
import { csrfGuard } from "./http/csrf.ts";
import { apiNotFound, errorHandler } from "./http/errorHandler.ts";
import { apiRoutes } from "./http/routes.ts";
import { errorPage } from "./pages/layout.ts";
import { httpLogSerializers } from "./log.ts";
import { atelier } from "./http/atelier.ts";
import { mediaFiles, registerMediaRoutes } from "./api/media/routes.ts";
import { type PublicPageSlots, publicPages } from "./pages/routes.ts";
import { registerHealth } from "./api/health/routes.ts";
import { registerProgrammeRoutes } from "./api/programmes/routes.ts";
import { registerEpisodeRoutes } from "./api/episodes/routes.ts";
import { registerSubscriptionRoutes } from "./api/subscriptions/routes.ts";
import { registerSubscriptionPages, subscribeFormSlot } from "./pages/subscriptions.ts";
import { registerComments } from "./api/comments/routes.ts";
import { registerReviews } from "./api/reviews/routes.ts";
import { commentsSlot, registerCommentForms } from "./pages/comments.ts";
import { registerInvitationRoutes } from "./api/invitations/routes.ts";
import { registerPasswordResetRoutes } from "./api/passwordResets/routes.ts";
import { registerSessionRoutes } from "./api/session/routes.ts";
import { registerTerritoryRoutes } from "./api/territories/routes.ts";
import { registerUserRoutes } from "./api/users/routes.ts";
import { registerOidcRoutes } from "./api/oidc/routes.ts";
import { registerTerritorySiretRoutes } from "./api/territories/sirets.ts";
import { registerSearchRoutes } from "./api/search/routes.ts";
import { registerThemeRoutes } from "./api/themes/routes.ts";
import { registerReviewMarkRoutes } from "./api/reviewMarks/routes.ts";
import { registerArchiveRoutes } from "./api/archives/routes.ts";

/** Where the client bundle and page assets are: above server/, run from the sources or compiled in dist/server/. */
const ROOT = path.resolve(import.meta.dirname, path.basename(path.dirname(import.meta.dirname)) === "dist" ? "../.." : "..");

export function createApp(ctx: Context): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxy(ctx.config.trustProxy));
  app.set("etag", "strong");

  app.use(
    pinoHttp({
      logger: ctx.log,
      serializers: httpLogSerializers,
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
  registerSessionRoutes(routes, ctx);
  registerOidcRoutes(app, routes, ctx);
  registerUserRoutes(routes, ctx);
  registerTerritoryRoutes(routes, ctx);
  registerTerritorySiretRoutes(routes, ctx);
  registerInvitationRoutes(routes, ctx);
  registerPasswordResetRoutes(routes, ctx);
  registerComments(routes, ctx);
  registerReviews(routes, ctx);
  registerSubscriptionRoutes(routes, ctx);
  registerProgrammeRoutes(routes, ctx);
  registerEpisodeRoutes(routes, ctx);
  registerArchiveRoutes(routes, ctx);
  registerMediaRoutes(routes, ctx);
  registerSearchRoutes(routes, ctx);
  registerThemeRoutes(routes, ctx);
  registerReviewMarkRoutes(routes, ctx);
  app.use("/api", api);
  app.use("/api", apiNotFound);
  registerCommentForms(app, ctx);
  registerSubscriptionPages(app, ctx);

  app.use("/assets", express.static(path.join(ROOT, "server/pages/assets"), { maxAge: "1h" }));
  app.use(atelier(ROOT, ctx.config.instanceName));
  app.use("/media", mediaFiles(ctx));
  // Every change to what anonymous readers see of comments is announced, so their composed pages can be shared.
  const sharedUntil: PublicPageSlots["sharedUntil"] = ["comment.created", "comments.changed"];
  app.use(publicPages(ctx, { comments: commentsSlot(ctx), subscribeForm: subscribeFormSlot, sharedUntil }));
  app.use((_req, res) => {
    res.status(404).type("html").send(errorPage(404, ""));
  });
  app.use(errorHandler(errorPage));
  return app;
}
