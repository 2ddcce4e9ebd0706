// GET /healthz: liveness and store reachability.
import type { Express } from "express";
import type { Context } from "../../context.ts";

export function registerHealth(app: Express, ctx: Context): void {
  app.get("/healthz", async (_req, res) => {
    try {
      await ctx.store.ping();
      res.json({ status: "ok", store: ctx.store.engine });
    } catch {
      res.status(503).json({ status: "unavailable", store: ctx.store.engine });
    }
  });
}
