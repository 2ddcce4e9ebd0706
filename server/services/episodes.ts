// Episode lifecycle: which episode an actor may see, creation with its server-made body, edits, status changes, publication and restore.
import { metaOfState, metaSeedUpdate, metaText, seedMeta, setMetaText } from "../../collab/schema/meta.ts";
import { episodeRoom } from "../../collab/schema/rooms.ts";
import { creditedIds, uncreditedAfter } from "../domain/credits.ts";
import { type EpisodeMeta, metaFromDocument } from "../domain/episodeMeta.ts";
import { allowed, REFUSAL_MESSAGES, TRANSITIONS, type Transition } from "../domain/episodes.ts";
import { type Actor, can, canReadEpisode, mayBeCredited } from "../domain/policy.ts";
import { SLUG_PATTERN, slugCandidate, slugify } from "../domain/slug.ts";
import type { Episode, Revision } from "../domain/types.ts";
import { conflict, DuplicateKeyError, notFound, unprocessable } from "../errors.ts";
import type { Events } from "../events.ts";
import type { DocsRepository } from "../repositories/docs.ts";
import type { EpisodesRepository, RevisionsRepository } from "../repositories/episodes.ts";
import type { UsersRepository } from "../repositories/users.ts";
import type { MembershipsRepository } from "../repositories/memberships.ts";
import { newId } from "../store/ids.ts";
import * as Y from "yjs";
import type { DocumentChanges } from "./documentChanges.ts";

export type EpisodeDeps = {
  repos: {
    episodes: EpisodesRepository;
    revisions: RevisionsRepository;
    docs: DocsRepository;
    users: UsersRepository;
    memberships: MembershipsRepository;
  };
  events: Events;
  documentChanges: DocumentChanges;
  /** When creation and publication happen; the demo seed dates its journal in the past with it. */
  clock?: () => Date;
};

const now = (deps: EpisodeDeps) => deps.clock?.() ?? new Date();

// The editor's node registry and the publishing render (Lexical, happy-dom: ~70 MiB together) load when a
// body is first made, changed or published, not at start: an idle instance needs neither.
const editorSchema = () => import("../../collab/schema/documents.ts");
const publishingRender = () => import("./render.ts");

/** One status change of an episode at a time in this process, so a double click cannot number twice. */
const running = new Map<string, Promise<unknown>>();
function serially<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = running.get(key) ?? Promise.resolve();
  const next = previous.then(work, work);
  const tail = next.catch(() => {});
  running.set(key, tail);
  void tail.then(() => {
    if (running.get(key) === tail) running.delete(key);
  });
  return next;
}

async function freeSlug(deps: EpisodeDeps, programmeId: string, base: string, exceptId?: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const slug = slugCandidate(base, attempt);
    if (!(await deps.repos.episodes.slugTaken(programmeId, slug, exceptId))) return slug;
  }
}

/** Credited authors must be people the policy lets be credited (see `mayBeCredited`). */
async function checkAuthors(deps: EpisodeDeps, programmeId: string, authorIds: string[]): Promise<void> {
  const members = new Set((await deps.repos.memberships.forProgramme(programmeId)).map((m) => m.userId));
  const users = await deps.repos.users.byIds(authorIds);
  for (const id of authorIds) {
    const user = users.find((u) => u._id === id);
    if (!user || !mayBeCredited(user, members.has(id)))
      throw unprocessable("unknown_author", "Un des auteurs indiqués n'est pas membre du programme.", { userId: id });
  }
}

async function createEpisode(deps: EpisodeDeps, input: NewEpisode): Promise<Episode> {
  const id = newId();
  // The document (body, title, summary) exists before the episode does, so nobody can ever open a room without it.
  const meta = { title: input.title, summary: input.summary ?? "" };
  await deps.repos.docs.append(episodeRoom(id), Y.mergeUpdates([(await editorSchema()).initialDocUpdate(), metaSeedUpdate(meta)]));
  const base = slugify(input.title);
  for (let tries = 0; ; tries++) {
    const at = now(deps);
    const slug = await freeSlug(deps, input.programmeId, base);
    try {
      return await deps.repos.episodes.insert({
        _id: id,
        programmeId: input.programmeId,
        title: input.title,
        slug,
        previousSlugs: [],
        summary: input.summary ?? "",
        status: "draft",
        number: null,
        authorIds: [input.createdBy],
        contributorIds: [],
        uncreditedIds: [],
        createdBy: input.createdBy,
        createdAt: at,
        updatedAt: at,
        firstPublishedAt: null,
        lastPublishedAt: null,
        commentsClosed: false,
        themes: [],
      });
    } catch (error) {
      // Two episodes of the same title at once: the unique index refused one; take the next slug.
      if (!(error instanceof DuplicateKeyError) || tries > 5) throw error;
    }
  }
}

/** What the team may change on an episode besides its body (the API's schema checks the values). */
export type EpisodeChanges = { title?: string; summary?: string; slug?: string; authorIds?: string[] };
export type NewEpisode = { programmeId: string; title: string; summary?: string; createdBy: string };

/** Title and summary live in the document: a change through the API is one edit of it, as if typed. */
async function writeMeta(deps: EpisodeDeps, episode: Episode, changes: Partial<EpisodeMeta>): Promise<void> {
  await deps.documentChanges.change(episodeRoom(episode._id), (doc) => {
    seedMeta(doc, episode);
    if (changes.title !== undefined) setMetaText(metaText(doc, "title"), changes.title);
    if (changes.summary !== undefined) setMetaText(metaText(doc, "summary"), changes.summary);
  });
}

async function updateEpisode(deps: EpisodeDeps, episode: Episode, changes: EpisodeChanges): Promise<Episode> {
  const fields: Partial<Episode> = {};
  if (changes.title !== undefined) fields.title = changes.title;
  if (changes.summary !== undefined) fields.summary = changes.summary;
  if (changes.authorIds !== undefined) {
    const unique = [...new Set(changes.authorIds)];
    await checkAuthors(deps, episode.programmeId, unique);
    fields.authorIds = unique;
    fields.uncreditedIds = uncreditedAfter(episode, unique);
  }
  if (changes.slug !== undefined && changes.slug !== episode.slug) {
    if (!SLUG_PATTERN.test(changes.slug))
      throw unprocessable("invalid_slug", "L'adresse ne peut contenir que des lettres minuscules, chiffres et tirets.");
    if (await deps.repos.episodes.slugTaken(episode.programmeId, changes.slug, episode._id))
      throw conflict("slug_taken", "Cette adresse est déjà utilisée par un autre épisode du programme.");
    fields.slug = changes.slug;
    // Old addresses keep working (redirected), so they stay reserved for this episode.
    fields.previousSlugs = [...new Set([...episode.previousSlugs, episode.slug])].filter((s) => s !== changes.slug);
  }
  // Choosing the slug it already has still keeps it from being derived at first publication.
  if (changes.slug !== undefined && !episode.slugChosen) fields.slugChosen = true;
  // Last, once everything else is known valid: a refused request writes nothing.
  if (changes.title !== undefined || changes.summary !== undefined) await writeMeta(deps, episode, changes);
  if (Object.keys(fields).length > 0) {
    try {
      await deps.repos.episodes.update(episode._id, fields);
    } catch (error) {
      if (error instanceof DuplicateKeyError)
        throw conflict("slug_taken", "Cette adresse est déjà utilisée par un autre épisode du programme.");
      throw error;
    }
  }
  return (await deps.repos.episodes.byId(episode._id))!;
}

/** `requireText`: publication refuses an empty body (a scheduled one, which nobody watches happen). */
/** `number`: the number an imported episode had at its source, taken if the programme has not given it yet. */
type PublishOptions = { requireText?: boolean; number?: number | null };

/** Moves an episode along its lifecycle; publication numbers it (once) and stores a revision. */
function transition(deps: EpisodeDeps, episodeId: string, move: Transition, actorId: string, options: PublishOptions = {}): Promise<Episode> {
  return serially(episodeId, async () => {
    const episode = await deps.repos.episodes.byId(episodeId);
    if (!episode) throw notFound("Épisode");
    const rule = TRANSITIONS[move];
    if (!allowed(move, episode.status)) throw conflict(rule.refusal, REFUSAL_MESSAGES[move], { status: episode.status });
    if (move === "publish" || move === "update") return await publish(deps, episode, actorId, options);
    if (!(await deps.repos.episodes.updateIfStatus(episode._id, rule.from, { status: rule.to })))
      throw conflict(rule.refusal, REFUSAL_MESSAGES[move]);
    deps.events.emit("episode.statusChanged", { episodeId, programmeId: episode.programmeId, status: rule.to });
    return (await deps.repos.episodes.byId(episodeId))!;
  });
}

/** Publishes an imported episode under the number its source gave it, if the programme has not given it yet. */
function publishImported(deps: EpisodeDeps, episodeId: string, actorId: string, wanted: number | null): Promise<Episode> {
  return serially(episodeId, async () => {
    const episode = await deps.repos.episodes.byId(episodeId);
    if (!episode) throw notFound("Épisode");
    return await publish(deps, episode, actorId, { number: wanted });
  });
}

async function publish(deps: EpisodeDeps, episode: Episode, actorId: string, options: PublishOptions): Promise<Episode> {
  const { update: yState } = await deps.repos.docs.load(episodeRoom(episode._id));
  // Render first: a body that cannot be rendered must not cost a number.
  const render = await publishingRender();
  const body = render.renderBody(yState);
  if (options.requireText && !render.hasContent(body.html))
    throw unprocessable("episode_empty", "Le texte de l'épisode est vide : il n'a pas été publié.");
  const first = episode.number === null;
  // What the team typed in the document, as the API would accept it (an episode never opened keeps its stored meta).
  const meta = metaFromDocument(metaOfState(yState) ?? episode, episode);
  // Until its first publication the address follows the title, unless an editor chose it.
  const slug = first && !episode.slugChosen ? await freeSlug(deps, episode.programmeId, slugify(meta.title), episode._id) : episode.slug;
  let number = episode.number;
  if (number === null) {
    const wanted = options.number ?? null;
    const claimed = wanted !== null && (await deps.repos.episodes.claimNumber(episode.programmeId, wanted, episode._id));
    number = claimed ? wanted : await deps.repos.episodes.allocateNumber(episode.programmeId, episode._id);
    if (!(await deps.repos.episodes.setNumberOnce(episode._id, number)))
      number = (await deps.repos.episodes.byId(episode._id))!.number!;
  }
  const latest = await deps.repos.revisions.latest(episode._id);
  const at = now(deps);
  const revision: Revision = {
    _id: newId(),
    episodeId: episode._id,
    programmeId: episode.programmeId,
    seq: (latest?.seq ?? 0) + 1,
    number,
    title: meta.title,
    slug,
    summary: meta.summary,
    html: body.html,
    lexicalJson: JSON.stringify(body.json),
    yState,
    authorIds: creditedIds(episode),
    ...(episode.authorNames?.length ? { authorNames: episode.authorNames } : {}),
    ...(episode.creditedTerritoryIds?.length ? { creditedTerritoryIds: episode.creditedTerritoryIds } : {}),
    publishedBy: actorId,
    publishedAt: at,
  };
  await deps.repos.revisions.insert(revision);
  await deps.repos.episodes.update(episode._id, {
    ...meta,
    slug,
    status: "published",
    updatedAt: at,
    lastPublishedAt: at,
    ...(episode.firstPublishedAt ? {} : { firstPublishedAt: at }),
  });
  const ids = { episodeId: episode._id, programmeId: episode.programmeId };
  deps.events.emit("episode.statusChanged", { ...ids, status: "published" });
  deps.events.emit("episode.published", { ...ids, revisionId: revision._id });
  if (first) deps.events.emit("episode.firstPublished", { ...ids, number });
  return (await deps.repos.episodes.byId(episode._id))!;
}

/**
 * Puts a revision's body back into the draft as one new collaborative change (the document is
 * edited, never replaced), so people editing at that moment converge on it.
 */
async function restoreRevision(deps: EpisodeDeps, episode: Episode, revision: Revision): Promise<void> {
  const children = (JSON.parse(revision.lexicalJson) as { root: { children: never[] } }).root.children;
  const { $replaceBody, changeDoc } = await editorSchema();
  await deps.documentChanges.change(episodeRoom(episode._id), (doc) => {
    changeDoc(doc, () => $replaceBody(children));
    seedMeta(doc, episode);
    setMetaText(metaText(doc, "title"), revision.title);
    setMetaText(metaText(doc, "summary"), revision.summary);
  });
  await deps.repos.episodes.update(episode._id, {});
}

/** Stores the title and summary typed in an episode's document, made valid (see metaFromDocument). */
async function adoptMeta(deps: EpisodeDeps, episodeId: string, typed: EpisodeMeta): Promise<void> {
  const episode = await deps.repos.episodes.byId(episodeId);
  if (!episode) return;
  const meta = metaFromDocument(typed, episode);
  if (meta.title !== episode.title || meta.summary !== episode.summary) await deps.repos.episodes.update(episodeId, meta);
}

/** The episode found, if this actor may see it; otherwise 404 (named `what`), so drafts do not leak. */
export function visibleOr404(actor: Actor, episode: Episode | null, what = "Épisode"): Episode {
  if (!episode || !canReadEpisode(actor, episode.programmeId, episode.status)) throw notFound(what);
  return episode;
}

/** Loads the episode this actor may see, else 404. */
export async function visibleEpisode(
  episodes: Pick<EpisodesRepository, "byId">,
  actor: Actor,
  id: unknown,
  what = "Épisode",
): Promise<Episode> {
  return visibleOr404(actor, typeof id === "string" ? await episodes.byId(id) : null, what);
}

/** Who may not read drafts sees a published episode as last published, not as the team is now editing it. */
async function asPublished(deps: EpisodeDeps, e: Episode, actor: Actor): Promise<Episode> {
  if (e.status !== "published" || can(actor, "episode.readDraft", { programmeId: e.programmeId })) return e;
  const r = await deps.repos.revisions.latest(e._id);
  return r ? { ...e, title: r.title, slug: r.slug, summary: r.summary, authorIds: r.authorIds, contributorIds: [] } : e;
}

export function episodeService(deps: EpisodeDeps) {
  return {
    visible: (actor: Actor, id: unknown, what?: string) => visibleEpisode(deps.repos.episodes, actor, id, what),
    asPublished: (e: Episode, actor: Actor) => asPublished(deps, e, actor),
    create: (input: NewEpisode) => createEpisode(deps, input),
    update: (episode: Episode, changes: EpisodeChanges) => updateEpisode(deps, episode, changes),
    transition: (episodeId: string, move: Transition, actorId: string) => transition(deps, episodeId, move, actorId),
    /** Publication at a scheduled time: the same as the "Publier" button's, but never of an empty text. */
    publishScheduled: (episodeId: string, actorId: string) => transition(deps, episodeId, "publish", actorId, { requireText: true }),
    publishImported: (episodeId: string, actorId: string, number: number | null) => publishImported(deps, episodeId, actorId, number),
    restoreRevision: (episode: Episode, revision: Revision) => restoreRevision(deps, episode, revision),
    adoptMeta: (episodeId: string, typed: EpisodeMeta) => adoptMeta(deps, episodeId, typed),
  };
}
export type EpisodeService = ReturnType<typeof episodeService>;
