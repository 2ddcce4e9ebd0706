// Builds the public addresses of programmes, episodes and feeds (paths, and absolute URLs for sharing).
export type FeedFormat = "atom" | "rss" | "json";

export const FEED_TYPES: Record<FeedFormat, string> = {
  atom: "application/atom+xml",
  rss: "application/rss+xml",
  json: "application/feed+json",
};

export const programmePath = (programmeSlug: string) => `/carnets/${encodeURIComponent(programmeSlug)}`;

export const episodePath = (programmeSlug: string, number: number, slug: string) =>
  `${programmePath(programmeSlug)}/${number}-${encodeURIComponent(slug)}`;

export const themePath = (programmeSlug: string, themeSlug: string) => `${programmePath(programmeSlug)}/themes/${encodeURIComponent(themeSlug)}`;

export const bookletPath = (programmeSlug: string) => `${programmePath(programmeSlug)}/livret`;

/** A programme's feed (or one theme's), or the feed of every programme when no slug is given. */
export const feedPath = (format: FeedFormat, programmeSlug?: string, themeSlug?: string) =>
  programmeSlug ? `${themeSlug ? themePath(programmeSlug, themeSlug) : programmePath(programmeSlug)}/feed.${format}` : `/feed.${format}`;

export const absolute = (publicUrl: string, path: string) => new URL(path, `${publicUrl}/`).toString();
