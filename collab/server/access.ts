// Decides, on the HTTP upgrade and before any document byte, who may open which room and how.
import type { IncomingMessage } from "node:http";
import type { Context } from "../../server/context.ts";
import { type Actor, collabAccess } from "../../server/domain/policy.ts";
import type { User } from "../../server/domain/types.ts";
import { readSessionToken, sessionCookieName } from "../../server/http/cookies.ts";
import type { Access } from "./connection.ts";
import { colourFor, type Identity } from "./presence.ts";

export type Admitted = {
  ok: true;
  room: string;
  episodeId: string;
  programmeId: string;
  token: string;
  actor: Actor;
  identity: Identity;
  access: Access;
};
export type Refused = { ok: false; status: 401 | 403 | 404; code: string; message: string };

const ROOM = /^episode-([A-Za-z0-9_-]{1,64})$/;

/** The episode id of a room name, or null when the name is not a room Carnet knows how to open. */
export function episodeIdOf(room: string): string | null {
  return ROOM.exec(room)?.[1] ?? null;
}

const refuse = (status: Refused["status"], code: string, message: string): Refused => ({ ok: false, status, code, message });

/**
 * Order matters: a foreign page is refused before anything is looked up; then no session is 401;
 * then a room that does not exist is 404 (ids are random, so this reveals nothing worth hiding);
 * then an episode the user may not open is 403.
 */
export async function admit(ctx: Context, req: IncomingMessage, room: string): Promise<Admitted | Refused> {
  if (req.headers.origin !== ctx.config.publicUrl)
    return refuse(403, "bad_origin", "Origine refusée : ouvrez l'atelier depuis l'adresse du site.");
  const token = readSessionToken(req.headers.cookie, sessionCookieName(ctx.config));
  const session = await ctx.services.sessions.resolve(token);
  if (!session.user || !token) return refuse(401, "unauthenticated", "Connectez-vous pour co-écrire.");
  const episodeId = episodeIdOf(room);
  const episode = episodeId ? await ctx.repos.episodes.byId(episodeId) : null;
  if (!episodeId || !episode) return refuse(404, "not_found", "Document introuvable.");
  const access = collabAccess(session.actor, episode.programmeId, episode.status);
  if (access === "none") return refuse(403, "forbidden", "Vous n'avez pas accès à ce document.");
  return {
    ok: true,
    room,
    episodeId,
    programmeId: episode.programmeId,
    token,
    actor: session.actor,
    identity: await identityOf(ctx, session.user),
    access,
  };
}

async function identityOf(ctx: Context, user: User): Promise<Identity> {
  const territory =
    user.affiliation.kind === "territory" ? await ctx.repos.territories.byId(user.affiliation.territoryId) : null;
  return { id: user._id, name: user.name, territory: territory?.name ?? null, color: colourFor(user._id) };
}
