// Territories: GET /api/territories (signed in), POST and PATCH /api/territories/:id (admin).
import type { Context } from "../../context.ts";
import { conflict, DuplicateKeyError, notFound } from "../../errors.ts";
import { authorize, requireUserId } from "../../http/guard.ts";
import type { ApiRoutes } from "../../http/routes.ts";
import { idParam, parse } from "../../http/validate.ts";
import { newId } from "../../store/ids.ts";
import { presentTerritory } from "./presenter.ts";
import { createTerritoryBody, updateTerritoryBody } from "./schema.ts";

const nameTaken = (error: unknown) => {
  if (error instanceof DuplicateKeyError) return conflict("territory_name_taken", "Un territoire porte déjà ce nom.");
  return error;
};

export function registerTerritoryRoutes(routes: ApiRoutes, ctx: Context): void {
  routes.get("/territories", async (req, res) => {
    requireUserId(req.actor);
    res.json({ territories: (await ctx.repos.territories.list()).map(presentTerritory) });
  });

  routes.post("/territories", async (req, res) => {
    authorize(req.actor, "territory.manage");
    const body = parse(createTerritoryBody, req.body);
    const territory = await ctx.repos.territories
      .insert({ _id: newId(), name: body.name, kind: body.kind, createdAt: new Date() })
      .catch((error) => Promise.reject(nameTaken(error)));
    res.status(201).json({ territory: presentTerritory(territory) });
  });

  routes.patch("/territories/:id", async (req, res) => {
    authorize(req.actor, "territory.manage");
    const id = parse(idParam, req.params.id, "params");
    const body = parse(updateTerritoryBody, req.body);
    const fields = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    const matched = await ctx.repos.territories.update(id, fields).catch((error) => Promise.reject(nameTaken(error)));
    if (!matched) throw notFound("Territoire");
    res.json({ territory: presentTerritory((await ctx.repos.territories.byId(id))!) });
  });
}
