// The composition root: builds repositories and services from the config, store and logger.
import path from "node:path";
import type { Bus } from "./cluster/bus.ts";
import type { Config } from "./config.ts";
import { Events } from "./events.ts";
import type { Logger } from "./log.ts";
import { createMailer } from "./mail/mailer.ts";
import { docsRepository } from "./repositories/docs.ts";
import { episodesRepository, revisionsRepository } from "./repositories/episodes.ts";
import { membershipsRepository } from "./repositories/memberships.ts";
import { programmesRepository } from "./repositories/programmes.ts";
import { sessionsRepository } from "./repositories/sessions.ts";
import { oidcAttemptsRepository } from "./repositories/oidcAttempts.ts";
import { territoriesRepository } from "./repositories/territories.ts";
import { tokensRepository } from "./repositories/tokens.ts";
import { usersRepository } from "./repositories/users.ts";
import { reviewsRepository } from "./repositories/reviews.ts";
import { reviewMentionService } from "./services/reviewMentions.ts";
import { reviewService } from "./services/reviews.ts";
import { suggestionNoticeService } from "./services/suggestionNotices.ts";
import { commentDigestRepository, commentsRepository, notificationPrefsRepository } from "./repositories/comments.ts";
import { commentServices } from "./services/commentServices.ts";
import { type DocumentChanges, documentChangeService } from "./services/documentChanges.ts";
import { accountServices } from "./services/accountServices.ts";
import { episodeService } from "./services/episodes.ts";
import { programmeService } from "./services/programmes.ts";
import { sessionService } from "./services/sessions.ts";
import { oidcService } from "./services/oidc.ts";
import { oidcAccountService } from "./services/oidcAccounts.ts";
import { territorySiretService } from "./services/territorySirets.ts";
import { subscriptionsRepository } from "./repositories/subscriptions.ts";
import { mailQueueRepository } from "./repositories/mailQueue.ts";
import { schedulesRepository } from "./repositories/schedules.ts";
import { scheduleService } from "./services/schedules.ts";
import { subscriptionService } from "./services/subscriptions.ts";
import { searchService } from "./search/service.ts";
import { themeService } from "./services/themes.ts";
import { reviewMarksRepository } from "./repositories/reviewMarks.ts";
import { reviewMarkService } from "./services/reviewMarks.ts";
import type { Store } from "./store/types.ts";

/** `bus` (Redis) links this instance to the others sharing the database; absent, the instance is alone. */
export function createContext(config: Config, store: Store, log: Logger, bus?: Bus) {
  const events = new Events(bus);
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
    comments: commentsRepository(store),
    notificationPrefs: notificationPrefsRepository(store),
    commentDigest: commentDigestRepository(store),
    tokens: tokensRepository(store),
    subscriptions: subscriptionsRepository(store),
    mailQueue: mailQueueRepository(store),
    oidcAttempts: oidcAttemptsRepository(store),
    schedules: schedulesRepository(store),
    reviewMarks: reviewMarksRepository(store),
    reviews: reviewsRepository(store),
  };
  const sessions = sessionService({
    sessions: repos.sessions,
    users: repos.users,
    memberships: repos.memberships,
    idleMs: config.sessionIdleMs,
    absoluteMs: config.sessionAbsoluteMs,
  });
  // The collaboration server plugs its live rooms in (plugLiveRooms) when it starts.
  const documentChanges: DocumentChanges = documentChangeService(repos.docs);
  const programmes = programmeService({ ...repos, events });
  const episodes = episodeService({ repos, events, documentChanges });
  const accounts = accountServices({ config, events, log, mailer, bus, grantRole: programmes.grantRole, repos });
  const comments = commentServices({ config, events, log, mailer, sessions, repos });
  const subscriptions = subscriptionService({
    subscriptions: repos.subscriptions,
    programmes: repos.programmes,
    mailer,
    log,
    publicUrl: config.publicUrl,
    secret: config.sessionSecret,
    instanceName: config.instanceName,
  });
  const oidc = oidcService({
    providers: config.oidcProviders,
    attempts: repos.oidcAttempts,
    limiter: accounts.limiter,
    publicUrl: config.publicUrl,
    log,
  });
  const oidcAccounts = oidcAccountService({
    ...repos,
    accounts: accounts.accounts,
    grantRole: programmes.grantRole,
    createAccounts: config.oidcCreateAccounts,
  });
  const territorySirets = territorySiretService(repos);
  const search = searchService({ repos, events });
  const themes = themeService({ episodes: repos.episodes, programmes: repos.programmes, events });
  const reviewMarks = reviewMarkService({ ...repos, prefs: repos.notificationPrefs, sessions, events, log });
  const reviewMentions = reviewMentionService({ ...repos, prefs: repos.notificationPrefs, sessions, log });
  const suggestionNotices = suggestionNoticeService({ ...repos, prefs: repos.notificationPrefs, sessions, log });
  const reviews = reviewService({
    ...repos,
    events,
    labLabel: config.instanceName,
    onPosted: reviewMentions.onPosted,
    onDecided: suggestionNotices.onDecided,
  });
  const services = {
    sessions,
    programmes,
    episodes,
    ...accounts,
    documentChanges,
    ...comments,
    subscriptions,
    oidc,
    oidcAccounts,
    territorySirets,
    search,
    themes,
    schedules: scheduleService({ schedules: repos.schedules }),
    reviewMarks,
    reviews,
    reviewMentions,
    suggestionNotices,
  };
  return { config, store, log, events, mailer, repos, services, bus };
}
export type Context = ReturnType<typeof createContext>;
