// Decides, on the HTTP upgrade and before any document byte, who may open which room and how.
import type { IncomingMessage } from "node:http";
import { type Actor, collabAccess } from "../../server/domain/policy.ts";
import type { Episode, Territory, User } from "../../server/domain/types.ts";
import { readSessionToken } from "../../server/http/cookies.ts";
import type { ResolvedSession } from "../../server/services/sessions.ts";
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

/** What admission reads: the site's address, the session cookie, and three look-ups. */
export type AdmitDeps = {
  publicUrl: string;
  sessionCookie: string;
  resolveSession(token: string | undefined): Promise<ResolvedSession>;
  episodeById(id: string): Promise<Episode | null>;
  territoryById(id: string): Promise<Territory | null>;
};

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
export async function admit(deps: AdmitDeps, req: IncomingMessage, room: string): Promise<Admitted | Refused> {
  if (req.headers.origin !== deps.publicUrl)
    return refuse(403, "bad_origin", "Origine refusée : ouvrez l'atelier depuis l'adresse du site.");
  const token = readSessionToken(req.headers.cookie, deps.sessionCookie);
  const session = await deps.resolveSession(token);
  if (!session.user || !token) return refuse(401, "unauthenticated", "Connectez-vous pour co-écrire.");
  const episodeId = episodeIdOf(room);
  const episode = episodeId ? await deps.episodeById(episodeId) : null;
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
    identity: await identityOf(deps, session.user),
    access,
  };
}

async function identityOf(deps: AdmitDeps, user: User): Promise<Identity> {
  const territory = user.affiliation.kind === "territory" ? await deps.territoryById(user.affiliation.territoryId) : null;
  return { id: user._id, name: user.name, territory: territory?.name ?? null, color: colourFor(user._id) };
}
