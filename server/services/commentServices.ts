// Builds the comment services from the context's parts (one line in the composition root).
import type { Config } from "../config.ts";
import type { Events } from "../events.ts";
import type { Logger } from "../log.ts";
import type { Mailer } from "../mail/mailer.ts";
import type { CommentDigestRepository, CommentsRepository, NotificationPrefsRepository } from "../repositories/comments.ts";
import type { EpisodesRepository } from "../repositories/episodes.ts";
import type { MembershipsRepository } from "../repositories/memberships.ts";
import type { ProgrammesRepository } from "../repositories/programmes.ts";
import type { TerritoriesRepository } from "../repositories/territories.ts";
import type { UsersRepository } from "../repositories/users.ts";
import { commentNotificationService } from "./commentNotifications.ts";
import { commentService } from "./comments.ts";
import type { SessionService } from "./sessions.ts";

export function commentServices(parts: {
  config: Config;
  events: Events;
  log: Logger;
  mailer: Mailer;
  sessions: SessionService;
  repos: {
    comments: CommentsRepository;
    notificationPrefs: NotificationPrefsRepository;
    commentDigest: CommentDigestRepository;
    episodes: EpisodesRepository;
    programmes: ProgrammesRepository;
    users: UsersRepository;
    territories: TerritoriesRepository;
    memberships: MembershipsRepository;
  };
}) {
  const { repos } = parts;
  return {
    comments: commentService({
      comments: repos.comments,
      episodes: repos.episodes,
      programmes: repos.programmes,
      users: repos.users,
      territories: repos.territories,
      events: parts.events,
      // The lab's staff carry the instance's name as their badge (INSTANCE_NAME, e.g. "La 27e Région").
      labLabel: parts.config.instanceName,
    }),
    commentNotifications: commentNotificationService({
      comments: repos.comments,
      digest: repos.commentDigest,
      prefs: repos.notificationPrefs,
      users: repos.users,
      memberships: repos.memberships,
      episodes: repos.episodes,
      programmes: repos.programmes,
      sessions: parts.sessions,
      mailer: parts.mailer,
      publicUrl: parts.config.publicUrl,
      instanceName: parts.config.instanceName,
      log: parts.log,
    }),
  };
}
