// buildX(overrides) test factories that write real records through the repositories, and sign-in helpers.
import { hash } from "@node-rs/argon2";
import type { Context } from "../../server/context.ts";
import type { Affiliation, Episode, Membership, Programme, Revision, Role, Territory, User } from "../../server/domain/types.ts";
import { sessionCookieName } from "../../server/http/cookies.ts";
import { newId } from "../../server/store/ids.ts";

export const TEST_PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | undefined;
let counter = 0;
const next = () => ++counter;

export async function buildTerritory(ctx: Context, overrides: Partial<Territory> = {}): Promise<Territory> {
  const n = next();
  return await ctx.repos.territories.insert({
    _id: newId(),
    name: `Territoire ${n}`,
    kind: "commune",
    createdAt: new Date(),
    ...overrides,
  });
}

export async function buildUser(ctx: Context, overrides: Partial<User> = {}): Promise<User> {
  const n = next();
  passwordHash ??= hash(TEST_PASSWORD);
  const affiliation: Affiliation = { kind: "lab" };
  return await ctx.repos.users.insert({
    _id: newId(),
    email: `personne${n}@example.org`,
    name: `Personne ${n}`,
    passwordHash: await passwordHash,
    affiliation,
    isAdmin: false,
    active: true,
    createdAt: new Date(),
    passwordChangedAt: null,
    ...overrides,
  });
}

export async function buildProgramme(ctx: Context, overrides: Partial<Programme> = {}): Promise<Programme> {
  const n = next();
  const at = new Date();
  return await ctx.repos.programmes.insert({
    _id: newId(),
    slug: `programme-${n}`,
    title: `Programme ${n}`,
    tagline: "Une accroche",
    intro: "Un premier paragraphe.\n\nUn second.",
    status: "running",
    period: { start: "2024-01", end: null },
    territoryIds: [],
    funders: [],
    resources: [],
    contactEmail: null,
    licence: "CC BY-SA 4.0",
    themes: [],
    createdAt: at,
    updatedAt: at,
    ...overrides,
  });
}

export async function buildMembership(ctx: Context, userId: string, programmeId: string, role: Role): Promise<Membership> {
  return await ctx.repos.memberships.insert({ _id: newId(), userId, programmeId, role, createdAt: new Date() });
}

/** A bare episode record (no collaborative document): for tests that do not go through the episodes service. */
export async function buildEpisodeRecord(ctx: Context, programmeId: string, overrides: Partial<Episode> = {}): Promise<Episode> {
  const n = next();
  const at = new Date();
  return await ctx.repos.episodes.insert({
    _id: newId(),
    programmeId,
    title: `Épisode ${n}`,
    slug: `episode-${n}`,
    previousSlugs: [],
    summary: "",
    status: "draft",
    number: null,
    authorIds: [],
    contributorIds: [],
    createdBy: "",
    createdAt: at,
    updatedAt: at,
    firstPublishedAt: null,
    lastPublishedAt: null,
    commentsClosed: false,
    themes: [],
    ...overrides,
  });
}

export type PublishedOverrides = Partial<Episode> & { html?: string; publishedAt?: Date };

/**
 * A published episode written straight through the repositories (no publish service): the episode record with
 * its number, and one revision carrying the title, slug, summary and `html`. Announces it like a publication.
 */
export async function buildPublishedEpisode(
  ctx: Context,
  programmeId: string,
  overrides: PublishedOverrides = {},
): Promise<{ episode: Episode; revision: Revision }> {
  const { html = "<p>Un paragraphe publié.</p>", publishedAt = new Date(), ...fields } = overrides;
  const _id = fields._id ?? newId();
  // Through the repository's allocator, so the publish service later numbers after these episodes.
  const number = fields.number ?? (await ctx.repos.episodes.allocateNumber(programmeId, _id));
  const episode = await buildEpisodeRecord(ctx, programmeId, {
    _id,
    status: "published",
    number,
    firstPublishedAt: publishedAt,
    lastPublishedAt: publishedAt,
    ...fields,
  });
  const revision = await buildRevision(ctx, episode, { html, publishedAt });
  ctx.events.emit("episode.firstPublished", { episodeId: episode._id, programmeId, number });
  return { episode, revision };
}

/** A further revision of an episode (a republication), numbered after the existing ones; fields default to the episode's. */
export async function buildRevision(ctx: Context, episode: Episode, overrides: Partial<Revision> = {}): Promise<Revision> {
  const seq = (await ctx.repos.revisions.forEpisode(episode._id)).length + 1;
  const revision = await ctx.repos.revisions.insert({
    _id: newId(),
    episodeId: episode._id,
    programmeId: episode.programmeId,
    seq,
    number: episode.number ?? 0,
    title: episode.title,
    slug: episode.slug,
    summary: episode.summary,
    html: "<p>Un paragraphe publié.</p>",
    lexicalJson: "{}",
    yState: new Uint8Array(),
    authorIds: episode.authorIds,
    publishedBy: episode.createdBy,
    publishedAt: new Date(),
    ...overrides,
  });
  ctx.events.emit("episode.published", { episodeId: episode._id, programmeId: episode.programmeId, revisionId: revision._id });
  return revision;
}

/** A `Cookie` header value carrying a fresh session for the user. */
export async function sessionCookieFor(ctx: Context, userId: string): Promise<string> {
  const token = await ctx.services.sessions.start(userId);
  return `${sessionCookieName(ctx.config)}=${token}`;
}

/**
 * One programme with a user per role the access matrix knows: anonymous is no user at all;
 * `reader` is signed in with no role; `otherPartner`/`otherEditor` belong to another programme.
 */
export async function buildCast(ctx: Context) {
  const territory = await buildTerritory(ctx);
  const programme = await buildProgramme(ctx, { territoryIds: [territory._id] });
  const other = await buildProgramme(ctx);
  const admin = await buildUser(ctx, { isAdmin: true });
  const lead = await buildUser(ctx);
  const editor = await buildUser(ctx);
  const partner = await buildUser(ctx, { affiliation: { kind: "territory", territoryId: territory._id } });
  const reader = await buildUser(ctx);
  const otherPartner = await buildUser(ctx);
  const otherEditor = await buildUser(ctx);
  await buildMembership(ctx, lead._id, programme._id, "lead");
  await buildMembership(ctx, editor._id, programme._id, "editor");
  await buildMembership(ctx, partner._id, programme._id, "partner");
  await buildMembership(ctx, otherPartner._id, other._id, "partner");
  await buildMembership(ctx, otherEditor._id, other._id, "editor");
  const users = { admin, lead, editor, partner, reader, otherPartner, otherEditor };
  const cookies = Object.fromEntries(
    await Promise.all(Object.entries(users).map(async ([k, u]) => [k, await sessionCookieFor(ctx, u._id)] as const)),
  ) as Record<keyof typeof users, string>;
  return { territory, programme, other, users, cookies };
}
export type Cast = Awaited<ReturnType<typeof buildCast>>;
export type CastRole = "anonymous" | keyof Cast["users"];
