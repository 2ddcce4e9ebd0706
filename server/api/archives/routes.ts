// GET the programme's archive (its lead) and the whole instance's backup (an admin), streamed as zip files.
import type { Response } from "express";
import type { ArchiveScope } from "../../archive/write.ts";
import type { Context } from "../../context.ts";
import type { ApiRoutes } from "../../http/routes.ts";
import { authorize } from "../../services/guard.ts";
import { loadProgramme } from "../programmes/load.ts";

export function registerArchiveRoutes(routes: ApiRoutes, ctx: Context): void {
  const send = async (res: Response, scope: ArchiveScope, name: string) => {
    res.setHeader("Content-Disposition", `attachment; filename="${name}"`);
    res.setHeader("Cache-Control", "no-store");
    res.type("application/zip");
    // Loaded on the first download: the zip writer and the Markdown export (the editor) are not needed at rest.
    const { writeArchive } = await import("../../archive/write.ts");
    await writeArchive(ctx.store, ctx.config.dataDir, scope, res);
  };

  routes.get("/programmes/:programmeId/archive", async (req, res) => {
    const programme = await loadProgramme(ctx, req.params.programmeId);
    authorize(req.actor, "programme.export", { programmeId: programme._id });
    await send(res, { kind: "programme", programme }, `carnet-${programme.slug}.zip`);
  });

  routes.get("/instance/archive", async (req, res) => {
    authorize(req.actor, "instance.export");
    await send(res, { kind: "instance" }, `carnet-sauvegarde-${new Date().toISOString().slice(0, 10)}.zip`);
  });
}
