// Builds the account services (sign-in, invitations, password resets) and their shared brute-force limiter.
import type { Config } from "../config.ts";
import type { Events } from "../events.ts";
import type { Logger } from "../log.ts";
import type { Mailer } from "../mail/mailer.ts";
import type { MembershipsRepository } from "../repositories/memberships.ts";
import type { ProgrammesRepository } from "../repositories/programmes.ts";
import type { SessionsRepository } from "../repositories/sessions.ts";
import type { TerritoriesRepository } from "../repositories/territories.ts";
import type { TokensRepository } from "../repositories/tokens.ts";
import type { UsersRepository } from "../repositories/users.ts";
import { accountService } from "./accounts.ts";
import { invitationService } from "./invitations.ts";
import { passwordResetService } from "./passwordResets.ts";
import type { ProgrammeService } from "./programmes.ts";
import { type HitWindows, rateLimiter } from "./rateLimit.ts";

export function accountServices(deps: {
  config: Config;
  events: Events;
  log: Logger;
  mailer: Mailer;
  /** Shared by the instances (REDIS_URL); absent, the limits count in this process. */
  bus?: HitWindows;
  grantRole: ProgrammeService["grantRole"];
  repos: {
    users: UsersRepository;
    sessions: SessionsRepository;
    territories: TerritoriesRepository;
    tokens: TokensRepository;
    memberships: MembershipsRepository;
    programmes: ProgrammesRepository;
  };
}) {
  const { config, events, log, mailer, grantRole, repos } = deps;
  const limiter = rateLimiter(deps.bus);
  const accounts = accountService({ ...repos, events, limiter });
  const site = { publicUrl: config.publicUrl, instanceName: config.instanceName };
  const passwordResets = passwordResetService({ ...repos, accounts, mailer, limiter, log, ...site });
  const invitations = invitationService({ ...repos, accounts, grantRole, mailer, events, limiter, ...site });
  return { limiter, accounts, passwordResets, invitations };
}
