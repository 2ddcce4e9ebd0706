// An episode's themes: chosen among its programme's, announced so pages and feeds follow.
import type { Episode } from "../domain/types.ts";
import { notFound, unprocessable } from "../errors.ts";
import type { Events } from "../events.ts";
import type { EpisodesRepository } from "../repositories/episodes.ts";
import type { ProgrammesRepository } from "../repositories/programmes.ts";

export function themeService(deps: { episodes: EpisodesRepository; programmes: ProgrammesRepository; events: Events }) {
  return {
    /** Replaces the episode's themes; each must be one of its programme's (422 otherwise). */
    async setEpisodeThemes(episode: Episode, slugs: string[]): Promise<string[]> {
      const programme = await deps.programmes.byId(episode.programmeId);
      if (!programme) throw notFound("Programme");
      const unknown = slugs.find((slug) => !programme.themes.some((t) => t.slug === slug));
      if (unknown !== undefined) throw unprocessable("unknown_theme", `Le thème « ${unknown} » n'existe pas dans ce programme.`);
      const themes = [...new Set(slugs)];
      await deps.episodes.update(episode._id, { themes });
      deps.events.emit("episode.themesChanged", { episodeId: episode._id, programmeId: episode.programmeId });
      return themes;
    },
  };
}
