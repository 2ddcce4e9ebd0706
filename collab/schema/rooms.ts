// Names of collaboration rooms: a leaf module, so naming a room does not load the editor's node registry.

/** The collaboration room of an episode body. */
export const episodeRoom = (episodeId: string): string => `episode-${episodeId}`;
