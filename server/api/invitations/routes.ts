// POST /api/programmes/:programmeId/invitations (lead, admin); GET and accept /api/invitations/:token.
import type { Context } from "../../context.ts";
import { notFound } from "../../errors.ts";
import { sessionCookie } from "../../http/cookies.ts";
import { authorize } from "../../services/guard.ts";
import type { ApiRoutes } from "../../http/routes.ts";
import { idParam, parse } from "../../http/validate.ts";
import { linkTokenParam } from "../linkToken.ts";
import { clientIp } from "../../http/clientIp.ts";
import { loadMe } from "../session/routes.ts";
import { presentInvitation, presentSentInvitation } from "./presenter.ts";
import { acceptInvitationBody, createInvitationBody } from "./schema.ts";

export function registerInvitationRoutes(routes: ApiRoutes, ctx: Context): void {
  routes.post("/programmes/:programmeId/invitations", async (req, res) => {
    const id = idParam.safeParse(req.params.programmeId);
    const programme = id.success ? await ctx.repos.programmes.byId(id.data) : null;
    if (!programme) throw notFound("Programme");
    authorize(req.actor, "programme.members.manage", { programmeId: programme._id });
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
