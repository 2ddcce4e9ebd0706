// Admin accounts API: GET/POST /api/users, PATCH /api/users/:id.
import type { Context } from "../../context.ts";
import type { User } from "../../domain/types.ts";
import { authorize, requireUserId } from "../../services/guard.ts";
import type { ApiRoutes } from "../../http/routes.ts";
import { idParam, parse } from "../../http/validate.ts";
import { presentUser } from "./presenter.ts";
import { createUserBody, updateUserBody } from "./schema.ts";

async function territoriesOf(ctx: Context, users: User[]) {
  const ids = users.flatMap((u) => (u.affiliation.kind === "territory" ? [u.affiliation.territoryId] : []));
  return new Map((ids.length ? await ctx.repos.territories.byIds([...new Set(ids)]) : []).map((t) => [t._id, t]));
}

export function registerUserRoutes(routes: ApiRoutes, ctx: Context): void {
  routes.get("/users", async (req, res) => {
    authorize(req.actor, "user.manage");
    const users = await ctx.repos.users.list();
    const territories = await territoriesOf(ctx, users);
    res.json({ users: users.map((u) => presentUser(u, territories)) });
  });

  routes.post("/users", async (req, res) => {
    authorize(req.actor, "user.manage");
    const body = parse(createUserBody, req.body);
    const user = await ctx.services.accounts.createUser(body);
    if (body.password === undefined) await ctx.services.passwordResets.welcome(user);
    res.status(201).json({ user: presentUser(user, await territoriesOf(ctx, [user])) });
  });

  routes.patch("/users/:id", async (req, res) => {
    authorize(req.actor, "user.manage");
    const id = parse(idParam, req.params.id, "params");
    const body = parse(updateUserBody, req.body);
    const user = await ctx.services.accounts.updateUser(requireUserId(req.actor), id, body);
    res.json({ user: presentUser(user, await territoriesOf(ctx, [user])) });
  });
}
