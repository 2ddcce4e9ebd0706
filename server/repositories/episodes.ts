// Episodes, their numbers (given once per programme) and their immutable revisions.
import type { Episode, Revision } from "../domain/types.ts";
import type { Store } from "../store/types.ts";

export function episodesRepository(store: Store) {
  const episodes = store.collection<Episode>("episodes");
  return {
    insert: (e: Episode) => episodes.insertOne(e),
    byId: (id: string) => episodes.findOne({ _id: id }),
    bySlug: (programmeId: string, slug: string) => episodes.findOne({ programmeId, slug }),
    byNumber: (programmeId: string, number: number) => episodes.findOne({ programmeId, number }),
    byPreviousSlug: (programmeId: string, slug: string) => episodes.findOne({ programmeId, previousSlugs: slug }),
    forProgramme: (programmeId: string) => episodes.find({ programmeId }, { sort: { createdAt: -1 } }),
    published: (filter: { programmeId?: string } = {}, limit?: number) =>
      episodes.find({ ...filter, status: "published" }, { sort: { firstPublishedAt: -1 }, ...(limit ? { limit } : {}) }),
    update: (id: string, fields: Partial<Omit<Episode, "_id">>) =>
      episodes.updateOne({ _id: id }, { $set: { ...fields, updatedAt: new Date() } }),
    addContributors: async (id: string, userIds: string[]) => {
      for (const userId of userIds) await episodes.updateOne({ _id: id }, { $addToSet: { contributorIds: userId } });
    },
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
  };
}
export type RevisionsRepository = ReturnType<typeof revisionsRepository>;
