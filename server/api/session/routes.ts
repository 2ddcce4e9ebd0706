// POST/DELETE /api/session (sign in, sign out), GET /api/me, POST /api/me/password.
import type { Request } from "express";
import type { Context } from "../../context.ts";
import type { User } from "../../domain/types.ts";
import { forbidden, unauthorized } from "../../errors.ts";
import { clientIp } from "../../http/clientIp.ts";
import { clearedSessionCookie, sessionCookie } from "../../http/cookies.ts";
import type { ApiRoutes } from "../../http/routes.ts";
import { parse } from "../../http/validate.ts";
import { presentMe } from "./presenter.ts";
import { changePasswordBody, signInBody } from "./schema.ts";

/** The signed-in user, or 401. */
export function signedInUser(req: Request): User {
  if (!req.user || req.actor.kind !== "user") throw unauthorized();
  return req.user;
}

/** Everything /api/me tells about a user: affiliation with its territory, roles with their programmes. */
export async function loadMe(ctx: Context, user: User) {
  const territory = user.affiliation.kind === "territory" ? await ctx.repos.territories.byId(user.affiliation.territoryId) : null;
  const memberships = await ctx.repos.memberships.forUser(user._id);
  const programmes = new Map((await ctx.repos.programmes.byIds(memberships.map((m) => m.programmeId))).map((p) => [p._id, p]));
  const joined = memberships.flatMap((membership) => {
    const programme = programmes.get(membership.programmeId);
    return programme ? [{ membership, programme }] : [];
  });
  joined.sort((a, b) => a.programme.title.localeCompare(b.programme.title, "fr"));
  return presentMe(user, territory, joined);
}

export function registerSessionRoutes(routes: ApiRoutes, ctx: Context): void {
  routes.post("/session", async (req, res) => {
    if (!ctx.config.passwordSignIn) throw forbidden("La connexion par mot de passe est désactivée sur cette instance.");
    const body = parse(signInBody, req.body);
    const user = await ctx.services.accounts.signIn(body.email, body.password, clientIp(req, ctx.config.trustProxy));
    // A new id at every sign-in: a session id planted before sign-in never becomes a signed-in one.
    if (req.sessionToken) await ctx.services.sessions.end(req.sessionToken);
    const token = await ctx.services.sessions.start(user._id);
    res.setHeader("Set-Cookie", sessionCookie(ctx.config, token));
    res.json(await loadMe(ctx, user));
  });

  routes.delete("/session", async (req, res) => {
    const user = signedInUser(req);
    const ended = req.sessionToken ? await ctx.services.sessions.end(req.sessionToken) : null;
    // Collaboration sockets opened with this session re-check it and close; the user's other sessions stay.
    ctx.events.emit("access.changed", { userId: user._id });
    res.setHeader("Set-Cookie", clearedSessionCookie(ctx.config));
    // Signed in through a provider that offers sign-out: the browser goes there next (RP-initiated logout).
    const providerSignOut =
      ended?.oidc && (await ctx.services.oidc.signOutUrl(ended.oidc.provider, ended.oidc.idToken, `${ctx.config.publicUrl}/atelier/connexion`));
    if (providerSignOut) res.json({ providerSignOut });
    else res.status(204).end();
  });

  routes.get("/me", async (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.json(await loadMe(ctx, signedInUser(req)));
  });

  routes.post("/me/password", async (req, res) => {
    const user = signedInUser(req);
    const body = parse(changePasswordBody, req.body);
    await ctx.services.accounts.changePassword(user, body.currentPassword, body.newPassword, req.sessionId);
    res.status(204).end();
  });
}
