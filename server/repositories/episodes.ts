// Episodes, their numbers (given once per programme) and their immutable revisions.
import { numberCounterId, numberRecordId } from "../domain/episodes.ts";
import type { Episode, Revision } from "../domain/types.ts";
import { DuplicateKeyError } from "../errors.ts";
import type { Store } from "../store/types.ts";

export type EpisodeNumberRecord = { _id: string; programmeId: string; number: number; episodeId: string; at: Date };

export function episodesRepository(store: Store) {
  const episodes = store.collection<Episode>("episodes");
  const counters = store.collection<{ _id: string; value: number }>("counters");
  const numbers = store.collection<EpisodeNumberRecord>("episode_numbers");
  return {
    insert: (e: Episode) => episodes.insertOne(e),
    byId: (id: string) => episodes.findOne({ _id: id }),
    bySlug: (programmeId: string, slug: string) => episodes.findOne({ programmeId, slug }),
    byNumber: (programmeId: string, number: number) => episodes.findOne({ programmeId, number }),
    byWordpressId: (programmeId: string, wordpressId: string) => episodes.findOne({ programmeId, wordpressId }),
    forProgramme: (programmeId: string) => episodes.find({ programmeId }, { sort: { createdAt: -1 } }),
    published: (filter: { programmeId?: string } = {}, limit?: number) =>
      episodes.find({ ...filter, status: "published" }, { sort: { firstPublishedAt: -1 }, ...(limit ? { limit } : {}) }),
    /** Stamps `updatedAt` with the present time unless the caller gives one (a publication's own instant). */
    update: (id: string, fields: Partial<Omit<Episode, "_id">>) =>
      episodes.updateOne({ _id: id }, { $set: { updatedAt: new Date(), ...fields } }),
    /** True when a slug (current or former) already leads to another episode of the programme. */
    slugTaken: async (programmeId: string, slug: string, exceptId?: string) => {
      const holders = [
        ...(await episodes.find({ programmeId, slug })),
        ...(await episodes.find({ programmeId, previousSlugs: slug })),
      ];
      return holders.some((e) => e._id !== exceptId);
    },
    /** Updates only while the episode is still in one of `statuses`; resolves to whether it matched. */
    updateIfStatus: async (id: string, statuses: readonly string[], fields: Partial<Omit<Episode, "_id">>) =>
      (await episodes.updateOne({ _id: id, status: { $in: [...statuses] } }, { $set: { ...fields, updatedAt: new Date() } })) > 0,
    /**
     * Gives the next number of a programme, atomically: a store counter, then a record whose _id
     * "<programmeId>:<number>" the store keeps unique. Should the counter ever lag behind the records,
     * the duplicate is skipped rather than reused.
     */
    allocateNumber: async (programmeId: string, episodeId: string): Promise<number> => {
      for (;;) {
        const counter = await counters.findOneAndUpdate({ _id: numberCounterId(programmeId) }, { $inc: { value: 1 } }, { upsert: true });
        const number = counter!.value;
        try {
          await numbers.insertOne({ _id: numberRecordId(programmeId, number), programmeId, number, episodeId, at: new Date() });
          return number;
        } catch (error) {
          if (!(error instanceof DuplicateKeyError)) throw error;
        }
      }
    },
    /**
     * Gives an episode a chosen number (an imported "#N"), false when the programme already gave it;
     * the counter moves past it, so later publications still get one more than the highest.
     */
    claimNumber: async (programmeId: string, number: number, episodeId: string): Promise<boolean> => {
      try {
        await numbers.insertOne({ _id: numberRecordId(programmeId, number), programmeId, number, episodeId, at: new Date() });
      } catch (error) {
        if (error instanceof DuplicateKeyError) return false;
        throw error;
      }
      for (;;) {
        const counter = await counters.findOneAndUpdate({ _id: numberCounterId(programmeId) }, { $inc: { value: 0 } }, { upsert: true });
        const value = counter?.value ?? 0;
        if (value >= number) return true;
        // Compare-and-set: a publication moving the counter meanwhile makes us read it again.
        if ((await counters.updateOne({ _id: numberCounterId(programmeId), value }, { $set: { value: number } })) > 0) return true;
      }
    },
    /** The number the next publication of a new episode would get (a read: nothing is reserved). */
    peekNextNumber: async (programmeId: string): Promise<number> =>
      ((await counters.findOne({ _id: numberCounterId(programmeId) }))?.value ?? 0) + 1,
    /** Sets the number only if the episode has none yet (a number never changes). */
    setNumberOnce: async (id: string, number: number) =>
      (await episodes.updateOne({ _id: id, number: null }, { $set: { number } })) > 0,
    addContributors: async (id: string, userIds: string[]) => {
      for (const userId of userIds) await episodes.updateOne({ _id: id }, { $addToSet: { contributorIds: userId } });
    },
    /** A territory whose proposal was accepted, credited once however many were. */
    creditTerritory: async (id: string, territoryId: string) =>
      void (await episodes.updateOne({ _id: id }, { $addToSet: { creditedTerritoryIds: territoryId } })),
  };
}
export type EpisodesRepository = ReturnType<typeof episodesRepository>;

export function revisionsRepository(store: Store) {
  const revisions = store.collection<Revision>("revisions");
  return {
    insert: (r: Revision) => revisions.insertOne(r),
    byId: (id: string) => revisions.findOne({ _id: id }),
    forEpisode: (episodeId: string) => revisions.find({ episodeId }, { sort: { seq: -1 } }),
    latest: async (episodeId: string) => (await revisions.find({ episodeId }, { sort: { seq: -1 }, limit: 1 }))[0] ?? null,
    /** The latest revision of every episode of a programme, by episode id: one query, not one per episode (see the search index). */
    latestOfProgramme: async (programmeId: string): Promise<Map<string, Revision>> => {
      const latest = new Map<string, Revision>();
      for (const revision of await revisions.find({ programmeId }, { sort: { episodeId: 1, seq: -1 } })) {
        if (!latest.has(revision.episodeId)) latest.set(revision.episodeId, revision);
      }
      return latest;
    },
  };
}
export type RevisionsRepository = ReturnType<typeof revisionsRepository>;
