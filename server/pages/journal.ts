// Reads what the public may see: programmes, and each published episode through its latest revision only.
import { anonymous, canReadEpisode } from "../domain/policy.ts";
import type { Episode, Programme, Revision, Territory, User } from "../domain/types.ts";
import type { CommentsRepository } from "../repositories/comments.ts";
import type { EpisodesRepository, RevisionsRepository } from "../repositories/episodes.ts";
import type { ProgrammesRepository } from "../repositories/programmes.ts";
import type { TerritoriesRepository } from "../repositories/territories.ts";
import type { UsersRepository } from "../repositories/users.ts";

/** A published episode as the public sees it: every visible field comes from the revision. */
export type PublicEpisode = {
  episode: Episode;
  revision: Revision;
  number: number;
  title: string;
  slug: string;
  summary: string;
  publishedAt: Date;
  /** The latest publication when it differs from the first; null otherwise. */
  updatedAt: Date | null;
};

export type Credit = { name: string; territory: Territory | null };

const STATUS_ORDER = { running: 0, preparing: 1, finished: 2 } as const;

/** The repositories the public pages read. */
export type JournalSources = {
  programmes: ProgrammesRepository;
  episodes: EpisodesRepository;
  revisions: RevisionsRepository;
  users: UsersRepository;
  territories: TerritoriesRepository;
  comments: CommentsRepository;
};

export function journalReader(repos: JournalSources) {

  async function toPublic(episode: Episode): Promise<PublicEpisode | null> {
    // Public pages are the same for everyone, so they show what an anonymous reader may see.
    if (!canReadEpisode(anonymous, episode.programmeId, episode.status)) return null;
    const revision = await repos.revisions.latest(episode._id);
    if (!revision) return null;
    const publishedAt = episode.firstPublishedAt ?? revision.publishedAt;
    return {
      episode,
      revision,
      number: revision.number,
      title: revision.title,
      slug: revision.slug,
      summary: revision.summary,
      publishedAt,
      updatedAt: revision.seq > 1 && revision.publishedAt.getTime() !== publishedAt.getTime() ? revision.publishedAt : null,
    };
  }

  async function publicList(episodes: Episode[]): Promise<PublicEpisode[]> {
    const all = await Promise.all(episodes.map(toPublic));
    return all.filter((e): e is PublicEpisode => e !== null);
  }

  return {
    /** Every programme, running ones first, then by title. */
    async programmes(): Promise<Programme[]> {
      const list = await repos.programmes.list();
      return list.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.title.localeCompare(b.title, "fr"));
    },
    programme: (slug: string) => repos.programmes.bySlug(slug),
    programmeById: (id: string) => repos.programmes.byId(id),

    /** A programme's published episodes, highest number first. */
    async episodes(programmeId: string): Promise<PublicEpisode[]> {
      const list = await publicList(await repos.episodes.published({ programmeId }));
      return list.sort((a, b) => b.number - a.number);
    },

    /** The latest published episodes of every programme, most recent first. */
    async latest(limit?: number): Promise<PublicEpisode[]> {
      const list = await publicList(await repos.episodes.published({}, limit));
      return list.sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime());
    },

    async byNumber(programmeId: string, number: number): Promise<PublicEpisode | null> {
      const episode = await repos.episodes.byNumber(programmeId, number);
      return episode ? await toPublic(episode) : null;
    },

    /** An episode reached by a slug it had when published (the current one, an earlier one). */
    async bySlug(programmeId: string, slug: string): Promise<PublicEpisode | null> {
      const list = await publicList(await repos.episodes.published({ programmeId }));
      const found = list.find((item) => item.slug === slug) ?? list.find((item) => item.episode.previousSlugs.includes(slug));
      if (found) return found;
      for (const item of list) {
        if ((await repos.revisions.forEpisode(item.episode._id)).some((r) => r.slug === slug)) return item;
      }
      return null;
    },

    /** Whether `slug` is one this episode has or once had; the draft's unpublished slug does not count. */
    async knowsSlug(item: PublicEpisode, slug: string): Promise<boolean> {
      if (item.slug === slug || item.episode.previousSlugs.includes(slug)) return true;
      return (await repos.revisions.forEpisode(item.episode._id)).some((r) => r.slug === slug);
    },

    /** Accounts first, then people credited by name only (imported authors). */
    async credits(userIds: string[], names: string[] = []): Promise<Credit[]> {
      const named = names.map((name) => ({ name, territory: null }));
      if (userIds.length === 0) return named;
      const users = await repos.users.byIds(userIds);
      const byId = new Map(users.map((u) => [u._id, u] as const));
      const territoryIds = users.flatMap((u) => (u.affiliation.kind === "territory" ? [u.affiliation.territoryId] : []));
      const territories = new Map((await repos.territories.byIds(territoryIds)).map((t) => [t._id, t] as const));
      return userIds
        .map((id) => byId.get(id))
        .filter((u): u is User => u !== undefined)
        .map((u) => ({
          name: u.name,
          territory: u.affiliation.kind === "territory" ? (territories.get(u.affiliation.territoryId) ?? null) : null,
        }))
        .concat(named);
    },

    /** Names of the territories credited for accepted proposals (issue 20), in the order credited. */
    async territoryNames(ids: string[] = []): Promise<string[]> {
      if (ids.length === 0) return [];
      const byId = new Map((await repos.territories.byIds(ids)).map((t) => [t._id, t.name] as const));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },

    /** Visible comments per published episode, for episode lists (episodes without any are absent). */
    commentCounts: (items: PublicEpisode[]) => repos.comments.countVisibleByEpisode(items.map((e) => e.episode._id)),

    territories: (ids: string[]) => (ids.length ? repos.territories.byIds(ids) : Promise.resolve([])),
  };
}
export type JournalReader = ReturnType<typeof journalReader>;
