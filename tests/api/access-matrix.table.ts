// The access matrix: for every API route, the status each member of the cast must get.
/*
 * HOW TO ADD A ROW (the test fails while a registered route has none):
 *
 *   row("PATCH /api/things/:thingId", "401 403 403 200 200 200 404 404", {
 *     params: async ({ ctx, cast }) => ({ thingId: (await buildThing(ctx, cast.programme._id))._id }),
 *     body: { title: "Nouveau titre" },
 *   }),
 *
 * - The key is the method and the path exactly as registered, prefixed by /api.
 * - The eight statuses follow the column order of COLUMNS below:
 *     anonymous reader partner editor lead admin otherPartner otherEditor
 *   "reader" is signed in with no role; the cast's programme is `cast.programme`, the other one `cast.other`.
 * - `params` fills the `:name`s of the path (`:programmeId` is the cast's programme unless given);
 *   `body` and `query` are what an allowed member would send: the matrix tests access, not validation.
 *   Each may be a value or a function of { ctx, cast, role, user }, run once per cell.
 * - Every cell runs on the same server, with its own fresh session and its own client IP. A cell that
 *   consumes something (deletes, publishes, uses a link) must build its own thing in `params`/`body`.
 * - access-matrix.test.ts also checks that each `body` plus one field it does not take (role, isAdmin, status, number,
 *   programmeId, an unknown one), or with a string replaced by {"$ne": null}, gets 400. List in `takes`
 *   the fields of that kind the route rightly accepts (e.g. an admin setting isAdmin).
 * - `ownAccount: true` runs each cell as a brand-new user with the same roles, for routes that change
 *   the account itself (password, sign-out), so the cast's users stay as they are for other rows.
 *
 * The HTML forms of the public pages (POSTs outside /api, registered with `formRoutes`) have their own
 * table, `forms`, below: the same columns, sent as a browser sends a form; a 303 names where it leads
 * ("303:ok", "303:signin", "303:<error code>", see `landing`). A form may have several rows (cases);
 * comment rows run as fresh twins (`ownAccount`) so that flood control from one row never answers another.
 */
import sharp from "sharp";
import type { Context } from "../../server/context.ts";
import { hashToken, newId } from "../../server/store/ids.ts";
import type { EpisodeStatus, Role, User } from "../../server/domain/types.ts";
import { toParis } from "../../server/domain/parisTime.ts";
import { buildInvitationLink, buildResetLink } from "../helpers/accounts.ts";
import { buildEpisode } from "../helpers/episodes.ts";
import { buildReviewThread, reviewAnchor, writeReviewText } from "../helpers/reviews.ts";
import { pendingConfirmation, unsubscribeLink } from "../subscriptions/seed.ts";
import { buildMembership, buildTerritory, buildUser, type Cast, type CastRole, TEST_PASSWORD } from "../helpers/factories.ts";

export const COLUMNS: readonly CastRole[] = ["anonymous", "reader", "partner", "editor", "lead", "admin", "otherPartner", "otherEditor"];

export type Cell = { ctx: Context; cast: Cast; role: CastRole; user: User | null };
type Built<T> = T | ((cell: Cell) => T | Promise<T>);

export type Row = {
  /** "METHOD /api/path", as registered. */
  route: string;
  expected: Record<CastRole, number>;
  params?: Built<Record<string, string>>;
  body?: Built<object>;
  query?: Built<Record<string, string>>;
  ownAccount?: boolean;
  /** Fields the route rightly takes beyond those of `body`: the sweep of extra fields leaves them out. */
  takes?: string[];
};

function row(route: string, statuses: string, options: Omit<Row, "route" | "expected"> = {}): Row {
  const codes = statuses.trim().split(/\s+/).map(Number);
  if (codes.length !== COLUMNS.length || codes.some((c) => !(c >= 100 && c < 600)))
    throw new Error(`${route} : il faut ${COLUMNS.length} statuts, dans l'ordre ${COLUMNS.join(" ")}`);
  return { route, expected: Object.fromEntries(COLUMNS.map((c, i) => [c, codes[i]])) as Record<CastRole, number>, ...options };
}

let unique = 0;
const fresh = (what: string) => `${what}-${process.pid}-${++unique}`;
const freshEmail = () => `${fresh("matrice")}@example.org`;
const NEW_PASSWORD = "un tout autre mot de passe";

export const table: Row[] = [
  // ── accounts and sessions ──                      anon rdr  part edit lead admn oPrt oEdt
  row("POST /api/session", "200 200 200 200 200 200 200 200", {
    body: async ({ ctx }) => ({ email: (await buildUser(ctx, { email: freshEmail() })).email, password: TEST_PASSWORD }),
  }),
  row("DELETE /api/session", "401 204 204 204 204 204 204 204", { ownAccount: true }),
  row("GET /api/me", "401 200 200 200 200 200 200 200"),
  row("GET /api/session/providers", "200 200 200 200 200 200 200 200"),
  row("POST /api/me/password", "401 204 204 204 204 204 204 204", {
    ownAccount: true,
    body: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
  }),
  row("GET /api/users", "401 403 403 403 403 200 403 403"),
  row("POST /api/users", "401 403 403 403 403 201 403 403", {
    body: () => ({ email: freshEmail(), name: "Nouvelle personne", affiliation: { kind: "lab" } }),
    takes: ["isAdmin"],
  }),
  row("PATCH /api/users/:id", "401 403 403 403 403 200 403 403", {
    params: async ({ ctx }) => ({ id: (await buildUser(ctx))._id }),
    body: { name: "Nom corrigé" },
    takes: ["isAdmin"],
  }),
  row("GET /api/territories", "401 200 200 200 200 200 200 200"),
  row("GET /api/search", "401 200 200 200 200 200 200 200", { query: { q: "mesure" } }),
  row("POST /api/territories", "401 403 403 403 403 201 403 403", {
    body: () => ({ name: fresh("Commune"), kind: "commune" }),
  }),
  row("PATCH /api/territories/:id", "401 403 403 403 403 200 403 403", {
    params: async ({ ctx }) => ({ id: (await buildTerritory(ctx))._id }),
    body: () => ({ name: fresh("Métropole"), kind: "intercommunalite" }),
  }),
  row("PUT /api/territories/:id/sirets", "401 403 403 403 403 200 403 403", {
    params: async ({ ctx }) => ({ id: (await buildTerritory(ctx))._id }),
    body: () => ({ sirets: [String(10_000_000_000_000 + ++unique)] }),
  }),
  row("POST /api/programmes/:programmeId/invitations", "401 403 403 403 201 201 403 403", {
    body: () => ({ email: freshEmail(), role: "editor" }),
  }),
  row("GET /api/programmes/:programmeId/invitations", "401 403 403 403 200 200 403 403"),
  row("POST /api/programmes/:programmeId/invitations/:invitationId/resend", "401 403 403 403 200 200 403 403", {
    params: pendingInvitation,
  }),
  row("DELETE /api/programmes/:programmeId/invitations/:invitationId", "401 403 403 403 204 204 403 403", {
    params: pendingInvitation,
  }),
  row("GET /api/invitations/:token", "200 200 200 200 200 200 200 200", {
    params: async ({ ctx, cast }) => ({
      token: await buildInvitationLink(ctx, { programmeId: cast.programme._id, email: freshEmail(), role: "editor" }),
    }),
  }),
  // Whoever holds the link may create the account it is for; the link is the credential.
  row("POST /api/invitations/:token/accept", "201 201 201 201 201 201 201 201", {
    params: async ({ ctx, cast }) => ({
      token: await buildInvitationLink(ctx, { programmeId: cast.programme._id, email: freshEmail(), role: "partner" }),
    }),
    body: { name: "Invitée", password: NEW_PASSWORD },
  }),
  row("POST /api/password-resets", "202 202 202 202 202 202 202 202", { body: () => ({ email: freshEmail() }) }),
  row("GET /api/password-resets/:token", "200 200 200 200 200 200 200 200", {
    params: async ({ ctx }) => ({ token: await buildResetLink(ctx, await buildUser(ctx)) }),
  }),
  row("POST /api/password-resets/:token", "204 204 204 204 204 204 204 204", {
    params: async ({ ctx }) => ({ token: await buildResetLink(ctx, await buildUser(ctx)) }),
    body: { password: NEW_PASSWORD },
  }),
  // ── programmes and members ──                      anon rdr  part edit lead admn oPrt oEdt
  row("GET /api/programmes", "200 200 200 200 200 200 200 200"),
  row("POST /api/programmes", "401 403 403 403 403 201 403 403", { body: () => ({ title: fresh("Programme") }) }),
  row("GET /api/programmes/:programmeId", "200 200 200 200 200 200 200 200"),
  row("PATCH /api/programmes/:programmeId", "401 403 403 403 200 200 403 403", { body: { tagline: "Une autre accroche" } }),
  row("GET /api/programmes/:programmeId/members", "401 403 403 403 200 200 403 403"),
  row("PATCH /api/programmes/:programmeId/members/:userId", "401 403 403 403 200 200 403 403", {
    params: async ({ ctx, cast }) => ({ userId: (await buildMember(ctx, cast.programme._id, "editor"))._id }),
    body: { role: "partner" },
  }),
  row("DELETE /api/programmes/:programmeId/members/:userId", "401 403 403 403 204 204 403 403", {
    params: async ({ ctx, cast }) => ({ userId: (await buildMember(ctx, cast.programme._id, "partner"))._id }),
  }),
  // ── episodes and revisions ── (invisible episodes answer 404: drafts do not leak)
  row("POST /api/programmes/:programmeId/episodes", "401 403 403 201 201 201 403 403", { body: { title: "Un épisode" } }),
  row("GET /api/programmes/:programmeId/episodes", "200 200 200 200 200 200 200 200"),
  row("GET /api/episodes/:episodeId", "404 404 404 200 200 200 404 404", { params: episodeIn("draft") }),
  row("PATCH /api/episodes/:episodeId", "404 404 404 200 200 200 404 404", {
    params: episodeIn("draft"),
    body: { summary: "Un chapô" },
  }),
  row("PUT /api/episodes/:episodeId/themes", "401 403 403 200 200 200 403 403", {
    params: episodeIn("published"),
    body: { themes: [] },
  }),
  row("POST /api/episodes/:episodeId/submit", "404 404 404 200 200 200 404 404", { params: episodeIn("draft") }),
  row("POST /api/episodes/:episodeId/publish", "404 404 403 200 200 200 404 404", { params: episodeIn("review") }),
  row("POST /api/episodes/:episodeId/update", "401 403 403 200 200 200 403 403", { params: episodeIn("published") }),
  row("POST /api/episodes/:episodeId/unpublish", "401 403 403 200 200 200 403 403", { params: episodeIn("published") }),
  row("POST /api/episodes/:episodeId/return-to-draft", "404 404 403 200 200 200 404 404", { params: episodeIn("review") }),
  // scheduled publication (issue 18): whoever may publish; a partner sees the episode in review, nobody else sees it
  row("PUT /api/episodes/:episodeId/schedule", "404 404 403 200 200 200 404 404", {
    params: episodeIn("review"),
    body: () => toParis(new Date(Date.now() + 2 * 24 * 3_600_000)),
  }),
  row("DELETE /api/episodes/:episodeId/schedule", "404 404 403 200 200 200 404 404", { params: scheduledEpisode }),
  row("GET /api/episodes/:episodeId/revisions", "401 403 403 200 200 200 403 403", { params: episodeIn("published") }),
  row("GET /api/revisions/:revisionId", "401 403 403 200 200 200 403 403", {
    params: async (cell) => ({ revisionId: (await revisionOf(cell)).revisionId }),
  }),
  row("POST /api/episodes/:episodeId/revisions/:revisionId/restore", "401 403 403 200 200 200 403 403", {
    params: revisionOf,
  }),
  // ── comments ── (on a published episode; the team moderates, a lead closes)
  row("GET /api/episodes/:episodeId/comments", "200 200 200 200 200 200 200 200", { params: episodeIn("published") }),
  row("POST /api/episodes/:episodeId/comments", "401 403 201 201 201 201 403 403", {
    params: episodeIn("published"),
    body: ({ role }) => ({ body: `Un avis de ${role}.` }),
  }),
  row("POST /api/episodes/:episodeId/comments/close", "401 403 403 403 200 200 403 403", { params: episodeIn("published") }),
  row("POST /api/episodes/:episodeId/comments/open", "401 403 403 403 200 200 403 403", { params: episodeIn("published") }),
  // ── review marks ("Relu", issue 16) ──           anon rdr  part edit lead admn oPrt oEdt
  row("GET /api/episodes/:episodeId/review", "404 404 200 200 200 200 404 404", { params: episodeIn("review") }),
  row("PUT /api/episodes/:episodeId/review/mark", "404 404 200 403 403 403 404 404", {
    params: episodeIn("review"),
    body: { comment: "Relu, conforme." },
  }),
  row("DELETE /api/episodes/:episodeId/review/mark", "404 404 200 403 403 403 404 404", {
    params: async (cell) => {
      const { episodeId } = await episodeIn("review")(cell);
      await cell.ctx.services.reviewMarks.mark((await cell.ctx.repos.episodes.byId(episodeId))!, cell.cast.territory._id, cell.cast.users.partner._id, "");
      return { episodeId };
    },
  }),
  row("PATCH /api/comments/:commentId", "401 403 403 200 200 200 403 403", {
    params: commentOn,
    body: { status: "hidden" },
    takes: ["status"],
  }),
  row("DELETE /api/comments/:commentId", "401 403 403 204 204 204 403 403", { params: commentOn }),
  row("GET /api/moderation/comments", "401 403 403 200 200 200 403 200"),
  row("GET /api/me/notifications", "401 200 200 200 200 200 200 200"),
  row("PUT /api/me/notifications", "401 200 200 200 200 200 200 200", { body: { replies: true } }),
  // ── review threads ── (on an episode in review holding the review text; members only, partners read-only on the text)
  row("GET /api/episodes/:episodeId/reviews", "404 404 200 200 200 200 404 404", { params: reviewedEpisode }),
  row("POST /api/episodes/:episodeId/reviews", "404 404 201 201 201 201 404 404", {
    params: reviewedEpisode,
    body: ({ role }) => ({ body: `Relecture de ${role}.`, anchor: reviewAnchor() }),
  }),
  row("POST /api/reviews/:reviewId/resolve", "404 404 200 200 200 200 404 404", { params: reviewThread }),
  row("POST /api/reviews/:reviewId/reopen", "404 404 200 200 200 200 404 404", { params: reviewThread }),
  row("DELETE /api/reviews/:reviewId", "404 404 403 204 204 204 404 404", { params: reviewThread }),
  // suggestions (issue 20): proposed like a thread, decided by the team that holds the pen
  row("POST /api/reviews/:reviewId/accept", "404 404 403 200 200 200 404 404", { params: suggestionThread }),
  row("POST /api/reviews/:reviewId/reject", "404 404 403 200 200 200 404 404", { params: suggestionThread, body: { reason: "Non." } }),
  // ── media ── (the body is the image itself)
  row("POST /api/episodes/:episodeId/images", "404 404 404 201 201 201 404 404", {
    params: episodeIn("draft"),
    body: () => sharp({ create: { width: 8, height: 8, channels: 3, background: "#c33" } }).png().toBuffer(),
  }),
  // ── e-mail subscriptions ──
  row("POST /api/subscriptions", "202 202 202 202 202 202 202 202", { body: () => ({ email: freshEmail() }), takes: ["programmeId"] }),
  row("POST /api/subscriptions/confirm", "200 200 200 200 200 200 200 200", { body: async ({ ctx }) => ({ token: await pendingConfirmation(ctx) }) }),
  row("POST /api/subscriptions/unsubscribe", "200 200 200 200 200 200 200 200", { body: async ({ ctx }) => ({ token: await unsubscribeLink(ctx) }) }),
  row("GET /api/programmes/:programmeId/subscribers/count", "401 403 403 200 200 200 403 403"),
  row("GET /api/subscribers.csv", "401 403 403 403 403 200 403 403"),
  row("GET /api/programmes/:programmeId/subscribers.csv", "401 403 403 403 403 200 403 403"),
  row("GET /api/programmes/:programmeId/archive", "401 403 403 403 200 200 403 403"),
  row("GET /api/instance/archive", "401 403 403 403 403 200 403 403"),
];

async function buildMember(ctx: Context, programmeId: string, role: Role): Promise<User> {
  const user = await buildUser(ctx);
  await buildMembership(ctx, user._id, programmeId, role);
  return user;
}

/** An episode in review scheduled for tomorrow. */
async function scheduledEpisode(cell: Cell) {
  const episode = await buildEpisode(cell.ctx, cell.cast.programme._id, cell.cast.users.editor._id, "review");
  await cell.ctx.services.schedules.schedule(episode, toParis(new Date(Date.now() + 24 * 3_600_000)), cell.cast.users.editor._id);
  return { episodeId: episode._id };
}

function episodeIn(status: EpisodeStatus) {
  return async ({ ctx, cast }: Cell) => ({
    episodeId: (await buildEpisode(ctx, cast.programme._id, cast.users.editor._id, status))._id,
  });
}

/** An episode in review whose text holds the review passage. */
async function reviewedEpisode({ ctx, cast }: Cell) {
  const episode = await buildEpisode(ctx, cast.programme._id, cast.users.editor._id, "review");
  await writeReviewText(ctx, episode._id);
  return { episodeId: episode._id };
}

/** A review thread opened by another partner of the programme on a fresh episode in review. */
async function reviewThread(cell: Cell) {
  const { episodeId } = await reviewedEpisode(cell);
  const author = await buildMember(cell.ctx, cell.cast.programme._id, "partner");
  const episode = (await cell.ctx.repos.episodes.byId(episodeId))!;
  return { reviewId: (await buildReviewThread(cell.ctx, episode, author._id))._id };
}

/** An open suggestion by another partner of the programme on a fresh episode in review. */
async function suggestionThread(cell: Cell) {
  const { episodeId } = await reviewedEpisode(cell);
  const author = await buildMember(cell.ctx, cell.cast.programme._id, "partner");
  const episode = (await cell.ctx.repos.episodes.byId(episodeId))!;
  const suggestion = { replacement: "relu", status: "open", decidedBy: null, decidedByName: null, decidedAt: null, reason: null, proposerTerritoryId: null } as const;
  return { reviewId: (await buildReviewThread(cell.ctx, episode, author._id, { body: "", suggestion }))._id };
}

async function revisionOf({ ctx, cast }: Cell) {
  const episode = await buildEpisode(ctx, cast.programme._id, cast.users.editor._id, "published");
  return { episodeId: episode._id, revisionId: (await ctx.repos.revisions.latest(episode._id))!._id };
}

/** A visible comment by a partner of the programme (not one of the cast), on a fresh published episode. */
/** A pending editor invitation of the cast's programme, by its id. */
async function pendingInvitation({ ctx, cast }: Cell) {
  const token = await buildInvitationLink(ctx, { programmeId: cast.programme._id, email: freshEmail(), role: "editor" });
  return { invitationId: hashToken(token) };
}

async function commentOn(cell: Cell) {
  const { ctx, cast } = cell;
  const { episodeId } = await episodeIn("published")(cell);
  const author = await buildMember(ctx, cast.programme._id, "partner");
  const comment = await ctx.repos.comments.insert({
    _id: newId(),
    episodeId,
    programmeId: cast.programme._id,
    parentId: null,
    authorId: author._id,
    authorName: author.name,
    authorTerritory: null,
    body: "Un commentaire à modérer.",
    status: "visible",
    audience: "public",
    createdAt: new Date(),
    editedAt: null,
  });
  return { commentId: comment._id };
}

/** A form target's row: statuses may say where a 303 leads. */
export type FormRow = Omit<Row, "expected" | "takes"> & { case: string; expected: Record<CastRole, string> };

function form(route: string, what: string, outcomes: string, options: Pick<FormRow, "params" | "body" | "ownAccount"> = {}): FormRow {
  const cells = outcomes.trim().split(/\s+/);
  if (cells.length !== COLUMNS.length) throw new Error(`${route} (${what}) : il faut ${COLUMNS.length} issues`);
  return { route, case: what, expected: Object.fromEntries(COLUMNS.map((c, i) => [c, cells[i]])) as Record<CastRole, string>, ...options };
}

/** Where a form's 303 leads: the new comment, back with an error code, the sign-in, or the thank-you page. */
export function landing(location: string | undefined): string {
  const error = /[?&]commentaire=([a-z_]+)/.exec(location ?? "")?.[1];
  if (error) return error;
  if (location?.includes("#commentaire-")) return "ok";
  if (location === "/atelier/") return "signin";
  if (location === "/abonnement/merci") return "thanks";
  return `?${location}`;
}

/** The comment form's address for an episode of the cast's programme, in a given state. */
async function commentForm({ ctx, cast }: Cell, unpublished = false): Promise<Record<string, string>> {
  const episode = await buildEpisode(ctx, cast.programme._id, cast.users.editor._id, "published");
  if (unpublished) await ctx.services.episodes.transition(episode._id, "unpublish", cast.users.editor._id);
  return { programme: cast.programme.slug, ref: `${episode.number}-${episode.slug}` };
}

export const forms: FormRow[] = [
  //                                                                             anon     rdr        part      edit      lead      admn      oPrt       oEdt
  form("POST /abonnement", "anyone subscribes", "303:thanks 303:thanks 303:thanks 303:thanks 303:thanks 303:thanks 303:thanks 303:thanks", {
    body: () => ({ email: freshEmail() }),
  }),
  form("POST /abonnement/confirmer/:token", "the link is the credential", "200 200 200 200 200 200 200 200", {
    params: async ({ ctx }) => ({ token: await pendingConfirmation(ctx) }),
  }),
  form("POST /abonnement/desabonner/:token", "the link is the credential", "200 200 200 200 200 200 200 200", {
    params: async ({ ctx }) => ({ token: await unsubscribeLink(ctx) }),
  }),
  form(
    "POST /carnets/:programme/:ref/commentaires",
    "published episode: members comment",
    "303:signin 303:forbidden 303:ok 303:ok 303:ok 303:ok 303:forbidden 303:forbidden",
    { params: (cell) => commentForm(cell), body: () => ({ body: fresh("Un commentaire par le formulaire") }), ownAccount: true },
  ),
  form(
    "POST /carnets/:programme/:ref/commentaires",
    "unpublished episode: hidden from all but the team, who may not comment on a draft (admins may do anything)",
    "404 404 404 303:forbidden 303:forbidden 303:ok 404 404",
    { params: (cell) => commentForm(cell, true), body: () => ({ body: fresh("Un commentaire sur un brouillon") }), ownAccount: true },
  ),
];
