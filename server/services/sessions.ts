// Starts, resolves and ends server-side sessions; resolves a cookie token to an Actor.
import type { Actor } from "../domain/policy.ts";
import { anonymous } from "../domain/policy.ts";
import type { Role, Session, User } from "../domain/types.ts";
import type { MembershipsRepository } from "../repositories/memberships.ts";
import type { SessionsRepository } from "../repositories/sessions.ts";
import type { UsersRepository } from "../repositories/users.ts";
import { hashToken, newToken } from "../store/ids.ts";

/** lastSeenAt is written at most this often, so reading pages does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

export type SessionDeps = {
  sessions: SessionsRepository;
  users: UsersRepository;
  memberships: MembershipsRepository;
  idleMs: number;
  absoluteMs: number;
  now?: () => Date;
};

export type ResolvedSession = { actor: Actor; user: User | null; sessionId: string | null };

export function sessionService(deps: SessionDeps) {
  const now = deps.now ?? (() => new Date());

  async function actorFor(user: User): Promise<Actor> {
    const roles = new Map<string, Role>();
    for (const m of await deps.memberships.forUser(user._id)) roles.set(m.programmeId, m.role);
    const territoryId = user.affiliation.kind === "territory" ? user.affiliation.territoryId : null;
    return { kind: "user", userId: user._id, isAdmin: user.isAdmin, roles, territoryId };
  }

  return {
    actorFor,
    /** Creates a session for a user (signed in through a provider when `oidc` is given) and returns the secret token for the cookie. */
    async start(userId: string, oidc?: Session["oidc"]): Promise<string> {
      const token = newToken();
      const at = now();
      await deps.sessions.insert({ _id: hashToken(token), userId, createdAt: at, lastSeenAt: at, ...(oidc ? { oidc } : {}) });
      return token;
    },
    /** Ends a session; returns it, so that a provider's session can be ended too. */
    async end(token: string): Promise<Session | null> {
      const id = hashToken(token);
      const session = await deps.sessions.byId(id);
      await deps.sessions.delete(id);
      return session;
    },
    /** The actor behind a cookie token: anonymous when missing, unknown, expired or deactivated. */
    async resolve(token: string | undefined): Promise<ResolvedSession> {
      const none: ResolvedSession = { actor: anonymous, user: null, sessionId: null };
      if (!token || token.length > 200) return none;
      const id = hashToken(token);
      const session = await deps.sessions.byId(id);
      if (!session) return none;
      const t = now().getTime();
      if (t - session.lastSeenAt.getTime() > deps.idleMs || t - session.createdAt.getTime() > deps.absoluteMs) {
        await deps.sessions.delete(id);
        return none;
      }
      const user = await deps.users.byId(session.userId);
      if (!user?.active) {
        await deps.sessions.delete(id);
        return none;
      }
      if (t - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await deps.sessions.touch(id, now());
      return { actor: await actorFor(user), user, sessionId: id };
    },
  };
}
export type SessionService = ReturnType<typeof sessionService>;
