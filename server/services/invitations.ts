// Invitations: a lead invites an e-mail with a role; the single-use link (7 days) creates the account or adds the role.
import type { Role, User } from "../domain/types.ts";
import { AppError, forbidden, notFound, unauthorized, unprocessable } from "../errors.ts";
import type { Events } from "../events.ts";
import { invitationMessage } from "../mail/accountMessages.ts";
import { SENT_LANG } from "../mail/layout.ts";
import type { Mailer } from "../mail/mailer.ts";
import type { MembershipsRepository } from "../repositories/memberships.ts";
import type { ProgrammesRepository } from "../repositories/programmes.ts";
import type { TerritoriesRepository } from "../repositories/territories.ts";
import type { TokenRecord, TokensRepository } from "../repositories/tokens.ts";
import { normaliseEmail, type UsersRepository } from "../repositories/users.ts";
import { hashToken, newToken } from "../store/ids.ts";
import type { AccountService } from "./accounts.ts";
import type { ProgrammeService } from "./programmes.ts";
import { invalidLink } from "./passwordResets.ts";
import { LIMITS, type RateLimiter } from "./rateLimit.ts";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type InvitationDeps = {
  users: UsersRepository;
  tokens: TokensRepository;
  memberships: MembershipsRepository;
  programmes: ProgrammesRepository;
  territories: TerritoriesRepository;
  accounts: AccountService;
  /** The latest invitation wins: it gives the role, or changes it for a member. */
  grantRole: ProgrammeService["grantRole"];
  mailer: Mailer;
  events: Events;
  limiter: RateLimiter;
  publicUrl: string;
  instanceName: string;
  now?: () => Date;
};

export function invitationService(deps: InvitationDeps) {
  const now = deps.now ?? (() => new Date());
  const keys = (ip: string): [string, typeof LIMITS.ip][] => [[`invitation:ip:${ip}`, LIMITS.ip]];

  /** A usable invitation, or 404; unknown links count against the IP like failed sign-ins. */
  async function usable(token: string, ip: string): Promise<TokenRecord> {
    await deps.limiter.check(keys(ip));
    const record = await deps.tokens.usable(hashToken(token), "invitation", now());
    if (!record?.programmeId || !record.role) {
      await deps.limiter.hit(keys(ip));
      throw invalidLink();
    }
    return record;
  }

  async function claim(token: string): Promise<TokenRecord> {
    const record = await deps.tokens.claim(hashToken(token), "invitation", now());
    if (!record) throw invalidLink();
    return record;
  }

  /** A pending invitation of the programme (the id is the stored hash, never the link), or 404. */
  async function pendingOne(programmeId: string, id: string): Promise<TokenRecord> {
    const found = (await deps.tokens.pendingInvitations(programmeId, now())).find((r) => r._id === id);
    if (!found) throw notFound("Invitation");
    return found;
  }

  const service = {
    async invite(input: { programmeId: string; email: string; role: Role; territoryId?: string | null | undefined; invitedBy: User }) {
      const programme = await deps.programmes.byId(input.programmeId);
      if (!programme) throw notFound("Programme");
      // A partner speaks for a territory: its badge shows on their comments.
      if (input.role === "partner" && !input.territoryId)
        throw unprocessable("territory_required", "Choisissez le territoire du ou de la partenaire invité·e.");
      if (input.territoryId && !(await deps.territories.byId(input.territoryId)))
        throw unprocessable("unknown_territory", "Ce territoire n'existe pas.");
      const token = newToken();
      const at = now();
      const record: TokenRecord = {
        _id: hashToken(token),
        kind: "invitation",
        email: normaliseEmail(input.email),
        userId: null,
        programmeId: programme._id,
        role: input.role,
        territoryId: input.territoryId ?? null,
        createdBy: input.invitedBy._id,
        createdAt: at,
        expiresAt: new Date(at.getTime() + INVITATION_TTL_MS),
        usedAt: null,
      };
      await deps.tokens.insert(record);
      await deps.mailer.send(
        invitationMessage({
          lang: SENT_LANG,
          to: record.email,
          inviter: input.invitedBy.name,
          programme: programme.title,
          role: input.role,
          instanceName: deps.instanceName,
          link: `${deps.publicUrl}/atelier/invitation/${token}`,
        }),
      );
      return record;
    },

    /** Invitations of a programme not yet accepted, oldest first. */
    pending: (programmeId: string) => deps.tokens.pendingInvitations(programmeId, now()),

    /** Sends a new link for a pending invitation (a link cannot be sent twice: only its hash is kept); the old one stops working. */
    async resend(programmeId: string, id: string, by: User) {
      const record = await pendingOne(programmeId, id);
      const fresh = await service.invite({ programmeId, email: record.email, role: record.role!, territoryId: record.territoryId, invitedBy: by });
      await deps.tokens.revokeInvitation(record._id, programmeId, now());
      return fresh;
    },

    async revoke(programmeId: string, id: string): Promise<void> {
      if (!(await deps.tokens.revokeInvitation(id, programmeId, now()))) throw notFound("Invitation");
    },

    /** What an invitation is for, without any secret: the client shows it before acceptance. */
    async describe(token: string, ip: string) {
      const record = await usable(token, ip);
      const programme = await deps.programmes.byId(record.programmeId!);
      if (!programme) throw invalidLink();
      const account = await deps.users.byEmail(record.email);
      return { record, programme, accountExists: Boolean(account) };
    },

    /**
     * Accepts an invitation. Without an account for the e-mail, `name` and `password` create one
     * (signed in by the caller). With one, the invitee must be signed in as that account: a second
     * password check here would be one more place to guess passwords, and the sign-in page has the limits.
     */
    async accept(
      token: string,
      input: { name?: string | undefined; password?: string | undefined },
      signedIn: User | null,
      ip: string,
    ): Promise<{ user: User; created: boolean }> {
      const record = await usable(token, ip);
      const existing = await deps.users.byEmail(record.email);
      if (existing) {
        if (!signedIn) throw new AppError(401, "sign_in_required", "Connectez-vous avec le compte de cette adresse pour accepter l'invitation.");
        if (signedIn._id !== existing._id)
          throw forbidden("Cette invitation est destinée à un autre compte : connectez-vous avec l'adresse invitée.");
        if (!existing.active) throw unauthorized();
        await claim(token);
        await deps.grantRole(existing._id, record.programmeId!, record.role!);
        return { user: existing, created: false };
      }
      if (input.name === undefined || input.password === undefined)
        throw new AppError(400, "invalid_input", "Indiquez votre nom et un mot de passe pour créer votre compte.");
      deps.accounts.assertAcceptable(input.password);
      await claim(token);
      let user: User;
      try {
        user = await deps.accounts.createUser({
          email: record.email,
          name: input.name,
          password: input.password,
          affiliation: record.territoryId ? { kind: "territory", territoryId: record.territoryId } : { kind: "lab" },
        });
      } catch (error) {
        await deps.tokens.release(record._id);
        throw error;
      }
      await deps.grantRole(user._id, record.programmeId!, record.role!);
      return { user, created: true };
    },
  };
  return service;
}
export type InvitationService = ReturnType<typeof invitationService>;
