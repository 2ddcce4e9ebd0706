// Episodes of a programme: create, list, read, edit, status changes, scheduled publication, revisions and restore.
import type { Context } from "../../context.ts";
import type { Transition } from "../../domain/episodes.ts";
import { type Actor, can, canReadEpisode, episodeAbilities } from "../../domain/policy.ts";
import type { Episode, User } from "../../domain/types.ts";
import { notFound } from "../../errors.ts";
import { authorize, requireUserId } from "../../services/guard.ts";
import type { ApiRoutes } from "../../http/routes.ts";
import { idParam, parse } from "../../http/validate.ts";
import { loadProgramme } from "../programmes/load.ts";
import { presentEpisode, presentRevision, presentRevisionSummary } from "./presenter.ts";
import { createEpisodeBody, emptyBody, scheduleBody, updateEpisodeBody } from "./schema.ts";

const MOVES: [path: string, move: Transition, action: "episode.edit" | "episode.publish"][] = [
  ["submit", "submit", "episode.edit"],
  ["publish", "publish", "episode.publish"],
  ["update", "update", "episode.publish"],
  ["unpublish", "unpublish", "episode.publish"],
  ["return-to-draft", "returnToDraft", "episode.edit"],
];

export function registerEpisodeRoutes(routes: ApiRoutes, ctx: Context): void {
  const people = async (ids: string[]): Promise<Map<string, User>> =>
    new Map((await ctx.repos.users.byIds([...new Set(ids)])).map((u) => [u._id, u]));
  const present = async (shown: Episode[], actor: Actor) => {
    const episodes = await Promise.all(shown.map((e) => ctx.services.episodes.asPublished(e, actor)));
    const known = await people(episodes.flatMap((e) => [...e.authorIds, ...e.contributorIds]));
    // One counter read per programme, only where this actor may publish a not yet numbered episode.
    const next = new Map<string, number>();
    for (const e of episodes)
      if (e.number === null && !next.has(e.programmeId) && can(actor, "episode.publish", { programmeId: e.programmeId }))
        next.set(e.programmeId, await ctx.repos.episodes.peekNextNumber(e.programmeId));
    const team = episodes.filter((e) => can(actor, "episode.readDraft", { programmeId: e.programmeId }));
    const schedules = await ctx.services.schedules.forEpisodes(team.map((e) => e._id));
    return episodes.map((e) =>
      presentEpisode(e, known, episodeAbilities(actor, e), next.get(e.programmeId) ?? null, schedules.get(e._id) ?? null),
    );
  };

  routes.post("/programmes/:programmeId/episodes", async (req, res) => {
    const programme = await loadProgramme(ctx, req.params.programmeId);
    authorize(req.actor, "episode.create", { programmeId: programme._id });
    const body = parse(createEpisodeBody, req.body);
    const episode = await ctx.services.episodes.create({ ...body, programmeId: programme._id, createdBy: requireUserId(req.actor) });
    res.status(201).json({ episode: (await present([episode], req.actor))[0] });
  });

  routes.get("/programmes/:programmeId/episodes", async (req, res) => {
    const programme = await loadProgramme(ctx, req.params.programmeId);
    const all = await ctx.repos.episodes.forProgramme(programme._id);
    const visible = all.filter((e) => canReadEpisode(req.actor, programme._id, e.status));
    res.json({ episodes: await present(visible, req.actor) });
  });

  routes.get("/episodes/:episodeId", async (req, res) => {
    const episode = await ctx.services.episodes.visible(req.actor, req.params.episodeId);
    res.json({ episode: (await present([episode], req.actor))[0] });
  });

  routes.patch("/episodes/:episodeId", async (req, res) => {
    const episode = await ctx.services.episodes.visible(req.actor, req.params.episodeId);
    authorize(req.actor, "episode.edit", { programmeId: episode.programmeId });
    const body = parse(updateEpisodeBody, req.body);
    res.json({ episode: (await present([await ctx.services.episodes.update(episode, body)], req.actor))[0] });
  });

  for (const [path, move, action] of MOVES) {
    routes.post(`/episodes/:episodeId/${path}`, async (req, res) => {
      const episode = await ctx.services.episodes.visible(req.actor, req.params.episodeId);
      authorize(req.actor, action, { programmeId: episode.programmeId });
      parse(emptyBody, req.body);
      const moved = await ctx.services.episodes.transition(episode._id, move, requireUserId(req.actor));
      res.json({ episode: (await present([moved], req.actor))[0] });
    });
  }

  // Scheduled publication: a Paris date and time; the publication itself happens in server/services/scheduledPublication.ts.
  routes.put("/episodes/:episodeId/schedule", async (req, res) => {
    const episode = await ctx.services.episodes.visible(req.actor, req.params.episodeId);
    authorize(req.actor, "episode.publish", { programmeId: episode.programmeId });
    await ctx.services.schedules.schedule(episode, parse(scheduleBody, req.body), requireUserId(req.actor));
    res.json({ episode: (await present([episode], req.actor))[0] });
  });
  routes.delete("/episodes/:episodeId/schedule", async (req, res) => {
    const episode = await ctx.services.episodes.visible(req.actor, req.params.episodeId);
    authorize(req.actor, "episode.publish", { programmeId: episode.programmeId });
    await ctx.services.schedules.cancel(episode);
    res.json({ episode: (await present([episode], req.actor))[0] });
  });

  routes.get("/episodes/:episodeId/revisions", async (req, res) => {
    const episode = await ctx.services.episodes.visible(req.actor, req.params.episodeId);
    authorize(req.actor, "episode.readDraft", { programmeId: episode.programmeId });
    const revisions = await ctx.repos.revisions.forEpisode(episode._id);
    const known = await people(revisions.flatMap((r) => [r.publishedBy, ...r.authorIds]));
    res.json({ revisions: revisions.map((r) => presentRevisionSummary(r, known)) });
  });

  /** A revision of a visible episode, readable by its team. */
  const teamRevision = async (actor: Actor, revisionId: unknown, episodeId?: string) => {
    const revision = idParam.safeParse(revisionId).success ? await ctx.repos.revisions.byId(revisionId as string) : null;
    if (!revision || (episodeId && revision.episodeId !== episodeId)) throw notFound("Révision");
    const episode = await ctx.services.episodes.visible(actor, revision.episodeId, "Révision");
    return { revision, episode };
  };

  routes.get("/revisions/:revisionId", async (req, res) => {
    const { revision, episode } = await teamRevision(req.actor, req.params.revisionId);
    authorize(req.actor, "episode.readDraft", { programmeId: episode.programmeId });
    res.json({ revision: presentRevision(revision, await people([revision.publishedBy, ...revision.authorIds])) });
  });

  routes.post("/episodes/:episodeId/revisions/:revisionId/restore", async (req, res) => {
    const episode = await ctx.services.episodes.visible(req.actor, req.params.episodeId);
    const { revision } = await teamRevision(req.actor, req.params.revisionId, episode._id);
    authorize(req.actor, "episode.edit", { programmeId: episode.programmeId });
    parse(emptyBody, req.body);
    await ctx.services.episodes.restoreRevision(episode, revision);
    res.json({ episode: (await present([(await ctx.repos.episodes.byId(episode._id))!], req.actor))[0] });
  });
}
