// Password reset links: requested by e-mail (same answer for any address), single use, valid one hour.
import type { Logger } from "../log.ts";
import { passwordLinkMessage } from "../mail/accountMessages.ts";
import { SENT_LANG } from "../mail/layout.ts";
import type { Mailer } from "../mail/mailer.ts";
import type { TokensRepository } from "../repositories/tokens.ts";
import { normaliseEmail, type UsersRepository } from "../repositories/users.ts";
import { AppError } from "../errors.ts";
import { hashToken, newToken } from "../store/ids.ts";
import type { AccountService } from "./accounts.ts";
import { LIMITS, type RateLimiter } from "./rateLimit.ts";

export const RESET_TTL_MS = 60 * 60 * 1000;
/** A first password set by the lab for a new account: the newcomer may not read mail within the hour. */
export const WELCOME_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type PasswordResetDeps = {
  users: UsersRepository;
  tokens: TokensRepository;
  accounts: AccountService;
  mailer: Mailer;
  limiter: RateLimiter;
  log: Logger;
  publicUrl: string;
  instanceName: string;
  now?: () => Date;
};

export const invalidLink = () =>
  new AppError(404, "invalid_token", "Ce lien n'est pas valable : il a expiré, a déjà servi ou n'existe pas.");

export function passwordResetService(deps: PasswordResetDeps) {
  const now = deps.now ?? (() => new Date());
  const linkKeys = (ip: string): [string, typeof LIMITS.ip][] => [[`reset-link:ip:${ip}`, LIMITS.ip]];

  async function issue(user: { _id: string; email: string; name: string }, ttlMs: number, welcome: boolean): Promise<void> {
    const token = newToken();
    const at = now();
    await deps.tokens.insert({
      _id: hashToken(token),
      kind: "password_reset",
      email: user.email,
      userId: user._id,
      programmeId: null,
      role: null,
      territoryId: null,
      createdBy: null,
      createdAt: at,
      expiresAt: new Date(at.getTime() + ttlMs),
      usedAt: null,
    });
    await deps.mailer.send(
      passwordLinkMessage({
        lang: SENT_LANG,
        welcome,
        to: user.email,
        name: user.name,
        instanceName: deps.instanceName,
        link: `${deps.publicUrl}/atelier/mot-de-passe/${token}`,
      }),
    );
  }

  return {
    /** Sends a link to a welcome a new account whose password the admin did not set. */
    welcome: (user: { _id: string; email: string; name: string }) => issue(user, WELCOME_TTL_MS, true),

    /**
     * Sends a link when the address belongs to an active account. The caller answers the same way
     * whatever happens, and the mail goes out after the answer, so neither words nor time tell.
     */
    async request(email: string, ip: string): Promise<void> {
      const keys: [string, typeof LIMITS.ip][] = [
        [`reset:account:${normaliseEmail(email)}`, LIMITS.account],
        [`reset:ip:${ip}`, LIMITS.ip],
      ];
      await deps.limiter.check(keys);
      await deps.limiter.hit(keys);
      void (async () => {
        const user = await deps.users.byEmail(email);
        if (user?.active) await issue(user, RESET_TTL_MS, false);
      })().catch((err) => deps.log.error({ err }, "envoi du lien de mot de passe impossible"));
    },

    /** Whether a link is usable, without using it. */
    async check(token: string, ip: string): Promise<{ expiresAt: Date }> {
      await deps.limiter.check(linkKeys(ip));
      const record = await deps.tokens.usable(hashToken(token), "password_reset", now());
      if (!record) {
        await deps.limiter.hit(linkKeys(ip));
        throw invalidLink();
      }
      return { expiresAt: record.expiresAt };
    },

    /** Uses a link once to set a new password; every session of the account ends. */
    async complete(token: string, password: string, ip: string): Promise<void> {
      await deps.limiter.check(linkKeys(ip));
      // The password is checked first, so a weak one does not spend the link.
      deps.accounts.assertAcceptable(password);
      const record = await deps.tokens.claim(hashToken(token), "password_reset", now());
      if (!record?.userId) {
        await deps.limiter.hit(linkKeys(ip));
        throw invalidLink();
      }
      await deps.accounts.resetPassword(record.userId, password);
    },
  };
}
export type PasswordResetService = ReturnType<typeof passwordResetService>;
