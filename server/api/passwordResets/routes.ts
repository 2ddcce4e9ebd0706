// POST /api/password-resets (ask for a link), GET and POST /api/password-resets/:token (check, use it).
import type { Context } from "../../context.ts";
import type { ApiRoutes } from "../../http/routes.ts";
import { parse } from "../../http/validate.ts";
import { completeResetBody, requestResetBody } from "./schema.ts";
import { linkTokenParam } from "../linkToken.ts";
import { clientIp } from "../../http/clientIp.ts";

export function registerPasswordResetRoutes(routes: ApiRoutes, ctx: Context): void {
  routes.post("/password-resets", async (req, res) => {
    const body = parse(requestResetBody, req.body);
    await ctx.services.passwordResets.request(body.email, clientIp(req, ctx.config.trustProxy));
    // The same answer whether the address has an account or not.
    res.status(202).json({ message: "Si un compte correspond à cette adresse, un lien vient de lui être envoyé." });
  });

  routes.get("/password-resets/:token", async (req, res) => {
    const { expiresAt } = await ctx.services.passwordResets.check(linkTokenParam(req.params.token), clientIp(req, ctx.config.trustProxy));
    res.setHeader("Cache-Control", "no-store");
    res.json({ valid: true, expiresAt: expiresAt.toISOString() });
  });

  routes.post("/password-resets/:token", async (req, res) => {
    const body = parse(completeResetBody, req.body);
    await ctx.services.passwordResets.complete(linkTokenParam(req.params.token), body.password, clientIp(req, ctx.config.trustProxy));
    res.status(204).end();
  });
}
