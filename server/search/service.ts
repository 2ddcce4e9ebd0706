// Search: the public index of published episodes kept current by events, and the atelier's search over what the policy lets a person read.
import { type Actor, anonymous, canReadEpisode, canSeeComment, listedProgrammes } from "../domain/policy.ts";
import type { Episode, Programme } from "../domain/types.ts";
import type { Events } from "../events.ts";
import { episodeRoom } from "../../collab/schema/rooms.ts";
import type { CommentsRepository } from "../repositories/comments.ts";
import type { DocsRepository } from "../repositories/docs.ts";
import type { EpisodesRepository, RevisionsRepository } from "../repositories/episodes.ts";
import type { ProgrammesRepository } from "../repositories/programmes.ts";
import type { TerritoriesRepository } from "../repositories/territories.ts";
import { commentDoc, draftDoc, type Found, type FoundDoc, publishedDoc } from "./documents.ts";
import { bodyText } from "./draftText.ts";
import { type SearchHit, SearchIndex } from "./index.ts";

export type SearchSources = {
  programmes: ProgrammesRepository;
  territories: TerritoriesRepository;
  episodes: EpisodesRepository;
  revisions: RevisionsRepository;
  comments: CommentsRepository;
  docs: DocsRepository;
};

export type SearchPage = { hits: SearchHit<Found>[]; total: number; page: number; pages: number };

export const PAGE_SIZE = 10;
/** Review comments read per atelier search: the most recent ones of the person's programmes. */
const COMMENTS_SCANNED = 2000;

const paginate = (hits: SearchHit<Found>[], page: number): SearchPage => {
  const pages = Math.max(1, Math.ceil(hits.length / PAGE_SIZE));
  const at = Math.min(Math.max(1, page), pages);
  return { hits: hits.slice((at - 1) * PAGE_SIZE, at * PAGE_SIZE), total: hits.length, page: at, pages };
};

/**
 * The public index lives in this process, built from the store on first use (or `warm()` at start) and kept
 * current by the domain events. With several instances, each keeps its own: the events must then reach every
 * instance (through Redis, see the issue on several instances) for an unpublication to leave every index.
 */
export function searchService(deps: { repos: SearchSources; events: Events }) {
  const { repos } = deps;
  const index = new SearchIndex<Found>();
  let ready: Promise<void> | null = null;
  // Index changes apply one after another, after the first build, so a search waits for the last one announced.
  let queue: Promise<void> = Promise.resolve();
  /**
   * Drafts and episodes in review of every programme searched so far, each indexed as of a key (its body's
   * last stored update, its title, summary, status): a search reads one small seq per readable draft and
   * re-indexes only what changed since. Who may find what is decided at each search, never stored here.
   */
  const drafts = new SearchIndex<Found>();
  const draftKeys = new Map<string, string>();

  async function indexEpisode(episodeId: string, programme?: Programme): Promise<void> {
    const episode = await repos.episodes.byId(episodeId);
    const revision = episode?.status === "published" ? await repos.revisions.latest(episode._id) : null;
    const owner = programme ?? (episode ? await repos.programmes.byId(episode.programmeId) : null);
    if (!episode || !revision || !owner || !canReadEpisode(anonymous, owner._id, episode.status)) {
      index.remove(`episode:${episodeId}`);
      return;
    }
    const territories = owner.territoryIds.length ? await repos.territories.byIds(owner.territoryIds) : [];
    index.put(publishedDoc(owner, territories, episode, revision));
  }

  /** Every published episode of a programme, with their latest revisions read in one query (not one per episode). */
  async function indexProgramme(programme: Programme): Promise<void> {
    const territories = programme.territoryIds.length ? await repos.territories.byIds(programme.territoryIds) : [];
    const latest = await repos.revisions.latestOfProgramme(programme._id);
    for (const episode of await repos.episodes.published({ programmeId: programme._id })) {
      const revision = latest.get(episode._id);
      if (revision && canReadEpisode(anonymous, programme._id, episode.status)) index.put(publishedDoc(programme, territories, episode, revision));
      else index.remove(`episode:${episode._id}`);
    }
  }

  const load = () => {
    ready ??= (async () => {
      for (const programme of await repos.programmes.list()) await indexProgramme(programme);
    })().catch((error: unknown) => {
      ready = null;
      throw error;
    });
    return ready;
  };

  /** Before the first build nothing is queued: the build reads the store as it is then. */
  const follow = (job: () => Promise<void>) => {
    if (!ready) return;
    queue = queue.then(() => ready).then(job, job).catch(() => undefined);
  };
  deps.events.onEveryInstance("episode.published", ({ episodeId }) => {
    draftKeys.delete(episodeId);
    drafts.remove(`episode:${episodeId}`);
    follow(() => indexEpisode(episodeId));
  });
  deps.events.onEveryInstance("episode.statusChanged", ({ episodeId }) => follow(() => indexEpisode(episodeId)));
  deps.events.onEveryInstance("episode.themesChanged", ({ episodeId }) => follow(() => indexEpisode(episodeId)));
  deps.events.onEveryInstance("programme.updated", ({ programmeId }) =>
    follow(async () => {
      const programme = await repos.programmes.byId(programmeId);
      if (programme) await indexProgramme(programme);
    }),
  );

  const current = async () => {
    await load();
    await queue;
  };

  /** Re-indexes the drafts whose body or fields changed since last read: their seqs, then the changed bodies, each in one read. */
  async function indexDrafts(found: { programme: Programme; episode: Episode }[]): Promise<void> {
    const seqs = await repos.docs.lastSeqs(found.map(({ episode }) => episodeRoom(episode._id)));
    const changed = found
      .map(({ programme, episode }) => {
        const seq = seqs.get(episodeRoom(episode._id));
        return { programme, episode, key: JSON.stringify([seq, episode.updatedAt.getTime(), episode.status, episode.title, episode.summary, episode.slug, episode.number, programme.title]) };
      })
      .filter(({ episode, key }) => draftKeys.get(episode._id) !== key);
    if (changed.length === 0) return;
    const bodies = await repos.docs.loadMany(changed.map(({ episode }) => episodeRoom(episode._id)));
    for (const { programme, episode, key } of changed) {
      drafts.put(draftDoc(programme, episode, bodyText(bodies.get(episodeRoom(episode._id))!.update)));
      draftKeys.set(episode._id, key);
    }
  }

  /** Drafts and episodes in review the actor may read (from the drafts' index), and review comments (in a small index per search). */
  async function privateHits(actor: Actor, query: string): Promise<SearchHit<Found>[]> {
    const own = new SearchIndex<Found>();
    const scope = listedProgrammes(actor);
    if (actor.kind === "anonymous") return [];
    const programmes =
      scope === "all" ? await repos.programmes.list() : (await Promise.all(scope.map((id) => repos.programmes.byId(id)))).filter((p) => p !== null);
    const episodes = new Map((await Promise.all(programmes.map((p) => repos.episodes.forProgramme(p._id)))).flat().map((e) => [e._id, e]));
    const programmeOf = new Map(programmes.map((p) => [p._id, p]));
    const found = [...episodes.values()]
      .filter((episode) => episode.status !== "published" && canReadEpisode(actor, episode.programmeId, episode.status))
      .map((episode) => ({ programme: programmeOf.get(episode.programmeId)!, episode }));
    await indexDrafts(found);
    const readable = new Set(found.map(({ episode }) => `episode:${episode._id}`));
    const comments = await repos.comments.recentInProgrammes(scope === "all" ? "all" : programmes.map((p) => p._id), {
      limit: COMMENTS_SCANNED,
    });
    for (const comment of comments) {
      const episode = episodes.get(comment.episodeId);
      if (comment.audience !== "members" || !episode || !canSeeComment(actor, comment)) continue;
      if (!canReadEpisode(actor, episode.programmeId, episode.status)) continue;
      own.put(commentDoc(programmeOf.get(episode.programmeId)!, episode, comment));
    }
    return [...drafts.search(query, (doc) => readable.has(doc.id)), ...own.search(query)];
  }

  return {
    /** Builds the public index now rather than on the first search. */
    warm: current,

    /** Published episodes, across journals or within one programme. */
    async published(query: string, options: { programmeId?: string; page?: number } = {}): Promise<SearchPage> {
      await current();
      const keep = (doc: FoundDoc) =>
        (!options.programmeId || doc.programmeId === options.programmeId) && canReadEpisode(anonymous, doc.programmeId, "published");
      return paginate(index.search(query, keep), options.page ?? 1);
    },

    /** The atelier's search: published episodes, plus the drafts and review comments the policy lets the actor read. */
    async forActor(actor: Actor, query: string, page = 1): Promise<SearchPage> {
      await current();
      const published = index.search(query, (doc) => canReadEpisode(actor, doc.programmeId, "published"));
      const own = await privateHits(actor, query);
      return paginate([...published, ...own].sort((a, b) => b.score - a.score || b.doc.date.getTime() - a.doc.date.getTime()), page);
    },
  };
}
export type SearchService = ReturnType<typeof searchService>;
