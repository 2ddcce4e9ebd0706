// PUT /api/episodes/:episodeId/themes: the team picks an episode's themes among its programme's.
import type { Context } from "../../context.ts";
import type { ApiRoutes } from "../../http/routes.ts";
import { parse } from "../../http/validate.ts";
import { authorize } from "../../services/guard.ts";
import { episodeThemesBody } from "./schema.ts";

export function registerThemeRoutes(routes: ApiRoutes, ctx: Context): void {
  routes.put("/episodes/:episodeId/themes", async (req, res) => {
    const episode = await ctx.services.episodes.visible(req.actor, req.params.episodeId);
    authorize(req.actor, "episode.edit", { programmeId: episode.programmeId });
    const { themes } = parse(episodeThemesBody, req.body);
    res.json({ themes: await ctx.services.themes.setEpisodeThemes(episode, themes) });
  });
}
