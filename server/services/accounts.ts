// Accounts: sign-in checks, password hashing and changes, account creation and updates, ending sessions.
import { hash, verify } from "@node-rs/argon2";
import { passwordMessages, passwordProblem } from "../domain/passwords.ts";
import type { Affiliation, User } from "../domain/types.ts";
import { AppError, badRequest, conflict, DuplicateKeyError, notFound, unprocessable } from "../errors.ts";
import type { Events } from "../events.ts";
import type { SessionsRepository } from "../repositories/sessions.ts";
import type { TerritoriesRepository } from "../repositories/territories.ts";
import type { TokensRepository } from "../repositories/tokens.ts";
import { normaliseEmail, type UsersRepository } from "../repositories/users.ts";
import { newId, newToken } from "../store/ids.ts";
import { type Limit, LIMITS, type RateLimiter } from "./rateLimit.ts";

export type AccountDeps = {
  users: UsersRepository;
  sessions: SessionsRepository;
  territories: TerritoriesRepository;
  tokens: TokensRepository;
  events: Events;
  limiter: RateLimiter;
  now?: () => Date;
};

const invalidCredentials = () => new AppError(401, "invalid_credentials", "E-mail ou mot de passe incorrect.");

export function accountService(deps: AccountDeps) {
  const now = deps.now ?? (() => new Date());
  // Verified when the e-mail is unknown, so a wrong e-mail costs as much time as a wrong password.
  let dummyHash: Promise<string> | undefined;

  async function matches(passwordHash: string | null, password: string): Promise<boolean> {
    dummyHash ??= hash(newToken());
    const ok = await verify(passwordHash ?? (await dummyHash), password).catch(() => false);
    return passwordHash !== null && ok;
  }

  /** 400 when a new password breaks the rules. */
  function assertAcceptable(password: string): void {
    const problem = passwordProblem(password);
    if (problem) throw badRequest("weak_password", passwordMessages[problem], { reason: problem });
  }

  /** argon2id (the library's default) hash of a new password that follows the rules; 400 otherwise. */
  async function hashNewPassword(password: string): Promise<string> {
    assertAcceptable(password);
    return await hash(password);
  }

  async function checkAffiliation(affiliation: Affiliation): Promise<void> {
    if (affiliation.kind === "territory" && !(await deps.territories.byId(affiliation.territoryId)))
      throw unprocessable("unknown_territory", "Ce territoire n'existe pas.");
  }

  /** Ends the user's sessions (all, or all but one) and tells the collaboration server. */
  async function endSessions(userId: string, exceptSessionId?: string): Promise<void> {
    await deps.sessions.deleteForUser(userId, exceptSessionId);
    deps.events.emit("access.changed", { userId });
  }

  return {
    assertAcceptable,
    hashNewPassword,
    endSessions,

    /**
     * The account behind an e-mail and password, or 401. Failures count per account and per IP; an
     * unknown e-mail or an inactive account fails exactly like a wrong password.
     */
    async signIn(email: string, password: string, ip: string): Promise<User> {
      const account: [string, Limit] = [`signin:account:${normaliseEmail(email)}`, LIMITS.account];
      const address: [string, Limit] = [`signin:ip:${ip}`, LIMITS.ip];
      await deps.limiter.check([account]);
      const user = await deps.users.byEmail(email);
      const ok = await matches(user?.passwordHash ?? null, password);
      if (!user || !ok || !user.active) {
        await deps.limiter.hit([account]);
        await deps.limiter.check([address]);
        await deps.limiter.hit([address]);
        throw invalidCredentials();
      }
      // The address limit turns away failures only: the per-account limit guards each account, so many
      // people behind one address (or one failing on purpose) never lock out someone's correct password.
      await deps.limiter.reset(account[0]);
      return user;
    },

    /** Changes a password after checking the current one; ends every other session of the user. */
    async changePassword(user: User, current: string, next: string, keepSessionId: string | null): Promise<void> {
      const keys: [string, typeof LIMITS.ip][] = [[`signin:account:${user.email}`, LIMITS.account]];
      await deps.limiter.check(keys);
      if (!(await matches(user.passwordHash, current))) {
        await deps.limiter.hit(keys);
        throw new AppError(403, "wrong_password", "Le mot de passe actuel est incorrect.");
      }
      const passwordHash = await hashNewPassword(next);
      await deps.users.update(user._id, { passwordHash, passwordChangedAt: now() });
      await deps.tokens.voidResets(user._id, now());
      await endSessions(user._id, keepSessionId ?? undefined);
    },

    /** Sets a new password from a reset link: every session of the user ends. */
    async resetPassword(userId: string, password: string): Promise<void> {
      const passwordHash = await hashNewPassword(password);
      await deps.users.update(userId, { passwordHash, passwordChangedAt: now() });
      await deps.tokens.voidResets(userId, now());
      await endSessions(userId);
    },

    async createUser(input: {
      email: string;
      name: string;
      password?: string | undefined;
      affiliation: Affiliation;
      isAdmin?: boolean | undefined;
    }): Promise<User> {
      await checkAffiliation(input.affiliation);
      const passwordHash = input.password === undefined ? null : await hashNewPassword(input.password);
      try {
        return await deps.users.insert({
          _id: newId(),
          email: input.email,
          name: input.name,
          passwordHash,
          affiliation: input.affiliation,
          isAdmin: input.isAdmin ?? false,
          active: true,
          createdAt: now(),
          passwordChangedAt: passwordHash ? now() : null,
        });
      } catch (error) {
        if (error instanceof DuplicateKeyError) throw conflict("email_taken", "Un compte existe déjà avec cet e-mail.");
        throw error;
      }
    },

    /** An admin's changes to an account: deactivation ends its sessions; a change of rights is announced. */
    async updateUser(
      actingUserId: string,
      id: string,
      fields: { name?: string | undefined; affiliation?: Affiliation | undefined; isAdmin?: boolean | undefined; active?: boolean | undefined },
    ): Promise<User> {
      const user = await deps.users.byId(id);
      if (!user) throw notFound("Compte");
      // An admin cannot lock themself out: someone must remain able to run the instance.
      if (id === actingUserId && (fields.active === false || fields.isAdmin === false))
        throw conflict("self_lockout", "Vous ne pouvez pas retirer vos propres droits ni désactiver votre compte.");
      if (fields.affiliation) await checkAffiliation(fields.affiliation);
      const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      if (Object.keys(changes).length) await deps.users.update(id, changes);
      if (fields.active === false && user.active) await endSessions(id);
      else if (fields.isAdmin !== undefined && fields.isAdmin !== user.isAdmin) deps.events.emit("access.changed", { userId: id });
      return (await deps.users.byId(id))!;
    },
  };
}
export type AccountService = ReturnType<typeof accountService>;
