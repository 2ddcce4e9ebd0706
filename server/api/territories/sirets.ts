// PUT /api/territories/:id/sirets (admin): the organisation numbers whose provider accounts belong to the territory.
import type { Context } from "../../context.ts";
import type { ApiRoutes } from "../../http/routes.ts";
import { idParam, parse } from "../../http/validate.ts";
import { authorize } from "../../services/guard.ts";
import { presentTerritory } from "./presenter.ts";
import { siretsBody } from "./schema.ts";

export function registerTerritorySiretRoutes(routes: ApiRoutes, ctx: Context): void {
  routes.put("/territories/:id/sirets", async (req, res) => {
    authorize(req.actor, "territory.manage");
    const id = parse(idParam, req.params.id, "params");
    const body = parse(siretsBody, req.body);
    res.json({ territory: presentTerritory(await ctx.services.territorySirets.set(id, body.sirets)) });
  });
}
