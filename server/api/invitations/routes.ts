// Invitations: send, list pending, resend and revoke (lead, admin) under a programme; GET and accept /api/invitations/:token.
import type { Request } from "express";
import type { Context } from "../../context.ts";
import { notFound } from "../../errors.ts";
import { sessionCookie } from "../../http/cookies.ts";
import { authorize } from "../../services/guard.ts";
import type { ApiRoutes } from "../../http/routes.ts";
import { idParam, parse } from "../../http/validate.ts";
import { linkTokenParam } from "../linkToken.ts";
import { clientIp } from "../../http/clientIp.ts";
import { loadMe } from "../session/routes.ts";
import { presentInvitation, presentPendingInvitation, presentSentInvitation } from "./presenter.ts";
import { emptyBody } from "../episodes/schema.ts";
import { acceptInvitationBody, createInvitationBody, invitationIdParam } from "./schema.ts";

export function registerInvitationRoutes(routes: ApiRoutes, ctx: Context): void {
  /** The programme whose members this actor manages, or 404/401/403. */
  const managed = async (req: Request) => {
    const id = idParam.safeParse(req.params.programmeId);
    const programme = id.success ? await ctx.repos.programmes.byId(id.data) : null;
    if (!programme) throw notFound("Programme");
    authorize(req.actor, "programme.members.manage", { programmeId: programme._id });
    return programme;
  };
  const invitationId = (value: unknown) => {
    const parsed = invitationIdParam.safeParse(value);
    if (!parsed.success) throw notFound("Invitation");
    return parsed.data;
  };

  routes.get("/programmes/:programmeId/invitations", async (req, res) => {
    const programme = await managed(req);
    const pending = await ctx.services.invitations.pending(programme._id);
    const ids = [...new Set(pending.flatMap((r) => (r.territoryId ? [r.territoryId] : [])))];
    const territories = new Map((await ctx.repos.territories.byIds(ids)).map((t) => [t._id, t]));
    res.json({ invitations: pending.map((r) => presentPendingInvitation(r, territories)) });
  });

  routes.post("/programmes/:programmeId/invitations/:invitationId/resend", async (req, res) => {
    const programme = await managed(req);
    parse(emptyBody, req.body);
    const record = await ctx.services.invitations.resend(programme._id, invitationId(req.params.invitationId), req.user!);
    res.json({ invitation: presentSentInvitation(record) });
  });

  routes.delete("/programmes/:programmeId/invitations/:invitationId", async (req, res) => {
    const programme = await managed(req);
    await ctx.services.invitations.revoke(programme._id, invitationId(req.params.invitationId));
    res.status(204).end();
  });

  routes.post("/programmes/:programmeId/invitations", async (req, res) => {
    const programme = await managed(req);
    const body = parse(createInvitationBody, req.body);
    const record = await ctx.services.invitations.invite({ ...body, programmeId: programme._id, invitedBy: req.user! });
    res.status(201).json({ invitation: presentSentInvitation(record) });
  });

  routes.get("/invitations/:token", async (req, res) => {
    const { record, programme, accountExists } = await ctx.services.invitations.describe(linkTokenParam(req.params.token), clientIp(req, ctx.config.trustProxy));
    res.setHeader("Cache-Control", "no-store");
    res.json({ invitation: presentInvitation(record, programme, accountExists) });
  });

  routes.post("/invitations/:token/accept", async (req, res) => {
    const token = linkTokenParam(req.params.token);
    const body = parse(acceptInvitationBody, req.body);
    const { user, created } = await ctx.services.invitations.accept(token, body, req.user, clientIp(req, ctx.config.trustProxy));
    if (created) {
      if (req.sessionToken) await ctx.services.sessions.end(req.sessionToken);
      res.setHeader("Set-Cookie", sessionCookie(ctx.config, await ctx.services.sessions.start(user._id)));
    }
    res.status(created ? 201 : 200).json({ created, ...(await loadMe(ctx, user)) });
  });
}
