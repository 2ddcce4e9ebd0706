// Territories: GET /api/territories (signed in), POST and PATCH /api/territories/:id (admin).
import type { Context } from "../../context.ts";
import { notFound } from "../../errors.ts";
import { authorize, requireUserId } from "../../services/guard.ts";
import type { ApiRoutes } from "../../http/routes.ts";
import { idParam, parse } from "../../http/validate.ts";
import { presentTerritory } from "./presenter.ts";
import { createTerritoryBody, updateTerritoryBody } from "./schema.ts";

export function registerTerritoryRoutes(routes: ApiRoutes, ctx: Context): void {
  routes.get("/territories", async (req, res) => {
    requireUserId(req.actor);
    res.json({ territories: (await ctx.repos.territories.list()).map(presentTerritory) });
  });

  routes.post("/territories", async (req, res) => {
    authorize(req.actor, "territory.manage");
    const body = parse(createTerritoryBody, req.body);
    const territory = await ctx.services.programmes.createTerritory(body);
    res.status(201).json({ territory: presentTerritory(territory) });
  });

  routes.patch("/territories/:id", async (req, res) => {
    authorize(req.actor, "territory.manage");
    const id = parse(idParam, req.params.id, "params");
    const body = parse(updateTerritoryBody, req.body);
    const fields = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    const matched = await ctx.services.programmes.updateTerritory(id, fields);
    if (!matched) throw notFound("Territoire");
    res.json({ territory: presentTerritory((await ctx.repos.territories.byId(id))!) });
  });
}
