// The composition root: builds repositories and services from the config, store and logger.
import type { Config } from "./config.ts";
import type { Logger } from "./log.ts";
import { docsRepository } from "./repositories/docs.ts";
import { membershipsRepository } from "./repositories/memberships.ts";
import { sessionsRepository } from "./repositories/sessions.ts";
import { usersRepository } from "./repositories/users.ts";
import { sessionService } from "./services/sessions.ts";
import type { Store } from "./store/types.ts";

export function createContext(config: Config, store: Store, log: Logger) {
  const repos = {
    users: usersRepository(store),
    sessions: sessionsRepository(store),
    memberships: membershipsRepository(store),
    docs: docsRepository(store),
  };
  const sessions = sessionService({
    sessions: repos.sessions,
    users: repos.users,
    memberships: repos.memberships,
    idleMs: config.sessionIdleMs,
    absoluteMs: config.sessionAbsoluteMs,
  });
  return { config, store, log, repos, services: { sessions } };
}
export type Context = ReturnType<typeof createContext>;
