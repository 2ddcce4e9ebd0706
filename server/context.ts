// The composition root: builds repositories and services from the config, store and logger.
import path from "node:path";
import type { Config } from "./config.ts";
import { Events } from "./events.ts";
import type { Logger } from "./log.ts";
import { createMailer } from "./mail/mailer.ts";
import { docsRepository } from "./repositories/docs.ts";
import { episodesRepository, revisionsRepository } from "./repositories/episodes.ts";
import { membershipsRepository } from "./repositories/memberships.ts";
import { programmesRepository } from "./repositories/programmes.ts";
import { sessionsRepository } from "./repositories/sessions.ts";
import { territoriesRepository } from "./repositories/territories.ts";
import { usersRepository } from "./repositories/users.ts";
import { sessionService } from "./services/sessions.ts";
import type { Store } from "./store/types.ts";

export function createContext(config: Config, store: Store, log: Logger) {
  const events = new Events();
  const mailer = createMailer({
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    outboxDir: path.join(config.dataDir, "outbox"),
    log,
  });
  const repos = {
    users: usersRepository(store),
    sessions: sessionsRepository(store),
    memberships: membershipsRepository(store),
    territories: territoriesRepository(store),
    programmes: programmesRepository(store),
    episodes: episodesRepository(store),
    revisions: revisionsRepository(store),
    docs: docsRepository(store),
  };
  const sessions = sessionService({
    sessions: repos.sessions,
    users: repos.users,
    memberships: repos.memberships,
    idleMs: config.sessionIdleMs,
    absoluteMs: config.sessionAbsoluteMs,
  });
  return { config, store, log, events, mailer, repos, services: { sessions } };
}
export type Context = ReturnType<typeof createContext>;
