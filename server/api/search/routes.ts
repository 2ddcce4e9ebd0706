// GET /api/search?q=: the atelier's search over published episodes and the drafts and review comments the person may read.
import type { Context } from "../../context.ts";
import type { ApiRoutes } from "../../http/routes.ts";
import { parse } from "../../http/validate.ts";
import { requireUserId } from "../../services/guard.ts";
import { presentSearch } from "./presenter.ts";
import { searchQuery } from "./schema.ts";

export function registerSearchRoutes(routes: ApiRoutes, ctx: Context): void {
  routes.get("/search", async (req, res) => {
    requireUserId(req.actor);
    const { q, page } = parse(searchQuery, req.query, "query");
    res.json(presentSearch(q, await ctx.services.search.forActor(req.actor, q, page)));
  });
}
