// Programmes: list, read, create (admin), settings (lead), and members (lead).
import type { Context } from "../../context.ts";
import { type Actor, listedProgrammes, programmeAbilities } from "../../domain/policy.ts";
import type { Programme, Territory } from "../../domain/types.ts";
import { authorize } from "../../services/guard.ts";
import type { ApiRoutes } from "../../http/routes.ts";
import { idParam, parse } from "../../http/validate.ts";
import { loadProgramme, roleOf } from "./load.ts";
import { presentMember, presentProgramme } from "./presenter.ts";
import { createProgrammeBody, memberRoleBody, updateProgrammeBody } from "./schema.ts";

export function registerProgrammeRoutes(routes: ApiRoutes, ctx: Context): void {
  const present = async (programmes: Programme[], actor: Actor) => {
    const territories: Territory[] = await ctx.repos.territories.byIds([...new Set(programmes.flatMap((p) => p.territoryIds))]);
    return programmes.map((p) => presentProgramme(p, territories, roleOf(actor, p._id), programmeAbilities(actor, p._id)));
  };

  // Signed in: the programmes one belongs to (admin: all). Anonymous: every programme, public fields.
  routes.get("/programmes", async (req, res) => {
    const listed = listedProgrammes(req.actor);
    const programmes = listed === "all" ? await ctx.repos.programmes.list() : await ctx.repos.programmes.byIds(listed);
    res.json({ programmes: await present(programmes, req.actor) });
  });

  routes.post("/programmes", async (req, res) => {
    authorize(req.actor, "programme.create");
    const body = parse(createProgrammeBody, req.body);
    const programme = await ctx.services.programmes.createProgramme(body);
    res.status(201).json({ programme: (await present([programme], req.actor))[0] });
  });

  routes.get("/programmes/:programmeId", async (req, res) => {
    const programme = await loadProgramme(ctx, req.params.programmeId);
    authorize(req.actor, "programme.read", { programmeId: programme._id });
    res.json({ programme: (await present([programme], req.actor))[0] });
  });

  routes.patch("/programmes/:programmeId", async (req, res) => {
    const programme = await loadProgramme(ctx, req.params.programmeId);
    authorize(req.actor, "programme.update", { programmeId: programme._id });
    const body = parse(updateProgrammeBody, req.body);
    const updated = await ctx.services.programmes.updateProgramme(programme._id, body);
    res.json({ programme: (await present([updated], req.actor))[0] });
  });

  const members = async (programmeId: string) => {
    const list = await ctx.repos.memberships.forProgramme(programmeId);
    const users = await ctx.repos.users.byIds(list.map((m) => m.userId));
    const territoryIds = users.flatMap((u) => (u.affiliation.kind === "territory" ? [u.affiliation.territoryId] : []));
    const territories = await ctx.repos.territories.byIds([...new Set(territoryIds)]);
    return list.map((m) => presentMember(m, users.find((u) => u._id === m.userId), territories));
  };

  routes.get("/programmes/:programmeId/members", async (req, res) => {
    const programme = await loadProgramme(ctx, req.params.programmeId);
    authorize(req.actor, "programme.members.manage", { programmeId: programme._id });
    res.json({ members: await members(programme._id) });
  });

  routes.patch("/programmes/:programmeId/members/:userId", async (req, res) => {
    const programme = await loadProgramme(ctx, req.params.programmeId);
    authorize(req.actor, "programme.members.manage", { programmeId: programme._id });
    const userId = parse(idParam, req.params.userId, "params");
    const { role } = parse(memberRoleBody, req.body);
    await ctx.services.programmes.changeRole(userId, programme._id, role);
    res.json({ member: (await members(programme._id)).find((m) => m.userId === userId) });
  });

  routes.delete("/programmes/:programmeId/members/:userId", async (req, res) => {
    const programme = await loadProgramme(ctx, req.params.programmeId);
    authorize(req.actor, "programme.members.manage", { programmeId: programme._id });
    const userId = parse(idParam, req.params.userId, "params");
    await ctx.services.programmes.removeMember(userId, programme._id);
    res.status(204).end();
  });
}
