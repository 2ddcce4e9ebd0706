// Finds or creates the Carnet account behind a provider identity: by subject, then by verified e-mail or invitation.
import type { Affiliation, User } from "../domain/types.ts";
import type { TerritoriesRepository } from "../repositories/territories.ts";
import type { TokensRepository } from "../repositories/tokens.ts";
import type { UsersRepository } from "../repositories/users.ts";
import type { AccountService } from "./accounts.ts";
import { type OidcIdentity, oidcRefusal } from "./oidc.ts";
import type { ProgrammeService } from "./programmes.ts";

export type OidcAccountDeps = {
  users: UsersRepository;
  tokens: TokensRepository;
  territories: TerritoriesRepository;
  accounts: AccountService;
  grantRole: ProgrammeService["grantRole"];
  /** OIDC_CREATE_ACCOUNTS: a stranger gets an account without any programme role instead of a refusal. */
  createAccounts: boolean;
  now?: () => Date;
};

/** A provider's name may carry anything: control and direction characters go, and it stays a name's length. */
const cleanName = (name: string) => name.replace(/[\p{Cc}\p{Cf}]/gu, "").trim().slice(0, 120);

export function oidcAccountService(deps: OidcAccountDeps) {
  const now = deps.now ?? (() => new Date());

  /** An account for a first sign-in; the pending invitations of the e-mail give their roles (the latest wins) and territory. */
  async function create(identity: OidcIdentity & { email: string }): Promise<User> {
    const invitations = await deps.tokens.invitationsFor(identity.email, now());
    if (invitations.length === 0 && !deps.createAccounts) throw oidcRefusal(403, "oidc_no_invitation");
    const invitedTo = invitations.findLast((i) => i.territoryId)?.territoryId;
    const mapped = identity.siret ? await deps.territories.bySiret(identity.siret) : null;
    const territoryId = invitedTo ?? mapped?._id;
    const affiliation: Affiliation = territoryId ? { kind: "territory", territoryId } : { kind: "lab" };
    const user = await deps.accounts.createUser({ email: identity.email, name: cleanName(identity.name) || identity.email, affiliation });
    for (const invitation of invitations) {
      if (await deps.tokens.claim(invitation._id, "invitation", now()))
        await deps.grantRole(user._id, invitation.programmeId!, invitation.role!);
    }
    return user;
  }

  return {
    /** The account to sign in, its subject and organisation number recorded; refuses disabled accounts and strangers. */
    async resolve(identity: OidcIdentity): Promise<User> {
      const subject = `${identity.provider} ${identity.subject}`;
      let user = await deps.users.bySubject(subject);
      if (!user) {
        if (!identity.email || !identity.emailVerified) throw oidcRefusal(403, "oidc_email_unverified");
        user = (await deps.users.byEmail(identity.email)) ?? (await create({ ...identity, email: identity.email }));
      }
      if (!user.active) throw oidcRefusal(403, "oidc_account_disabled");
      const fields: Partial<User> = { oidcSubjects: [...new Set([...(user.oidcSubjects ?? []), subject])], siret: identity.siret };
      // The organisation number places an account that no one placed yet; an admin's or invitation's choice stays.
      if (identity.siret && user.affiliation.kind === "lab" && !user.isAdmin) {
        const mapped = await deps.territories.bySiret(identity.siret);
        if (mapped) fields.affiliation = { kind: "territory", territoryId: mapped._id };
      }
      await deps.users.update(user._id, fields);
      return { ...user, ...fields };
    },
  };
}
export type OidcAccountService = ReturnType<typeof oidcAccountService>;
