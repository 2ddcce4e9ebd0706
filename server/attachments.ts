// What runs beside the HTTP app on the same server (mail queue, comment and review notifications, scheduled publication, collaboration socket), in start order.
import { collabAttachment } from "../collab/server/index.ts";
import type { Attach } from "./attach.ts";
import { type ScheduledPublicationOptions, scheduledPublication } from "./services/scheduledPublication.ts";
import type { Context } from "./context.ts";
import { type MailQueue, type MailQueueDeps, mailQueue, type WorkerOptions } from "./mail/queue.ts";

/** How often the timer looks for comment digests whose turn has come. */
const DIGEST_SWEEP_MS = 60 * 1000;

/** What the announcement queue takes from the context. */
export function mailQueueDeps(ctx: Context): MailQueueDeps {
  return {
    jobs: ctx.repos.mailQueue,
    episodes: ctx.repos.episodes,
    revisions: ctx.repos.revisions,
    programmes: ctx.repos.programmes,
    subscriptions: ctx.repos.subscriptions,
    users: ctx.repos.users,
    reviews: ctx.repos.reviews,
    prefs: ctx.repos.notificationPrefs,
    sessions: ctx.services.sessions,
    events: ctx.events,
    mailer: ctx.mailer,
    log: ctx.log,
    publicUrl: ctx.config.publicUrl,
    instanceName: ctx.config.instanceName,
    secret: ctx.config.sessionSecret,
    sharedStore: ctx.bus !== undefined,
  };
}

/** Listens for first publications and runs the announcement worker until close; `started` is given the queue. */
export function mailQueueAttachment(options: Partial<WorkerOptions> = {}, started?: (queue: MailQueue) => void): Attach {
  return async (ctx) => {
    const queue = mailQueue(mailQueueDeps(ctx), options);
    const unlisten = queue.listen();
    await queue.start();
    started?.(queue);
    return {
      async close() {
        unlisten();
        await queue.stop();
        await ctx.services.subscriptions.idle();
      },
    };
  };
}

/** Listens for new comments and sweeps pending digests. */
export const commentNotificationsAttachment: Attach = (ctx) => {
  const service = ctx.services.commentNotifications;
  const off = ctx.events.on("comment.created", ({ commentId }) => void service.onCommentCreated(commentId));
  // With several instances, one of them sweeps each period: two sweeping at once could send a digest twice.
  const sweep = async () => {
    if (!ctx.bus || (await ctx.bus.claim("digest-sweep", DIGEST_SWEEP_MS / 2))) await service.flushDue();
  };
  const timer = setInterval(() => void sweep().catch((err: unknown) => ctx.log.warn({ err }, "balayage des digests impossible")), DIGEST_SWEEP_MS);
  timer.unref();
  return {
    async close() {
      off();
      clearInterval(timer);
      await service.idle();
    },
  };
};

/** Publishes scheduled episodes when their time comes (and at start, those whose time passed meanwhile). */
export function scheduledPublicationAttachment(options: Partial<ScheduledPublicationOptions> = {}): Attach {
  return async (ctx) => {
    const publisher = scheduledPublication(
      {
        schedules: ctx.repos.schedules,
        episodes: ctx.repos.episodes,
        users: ctx.repos.users,
        sessions: ctx.services.sessions,
        publish: ctx.services.episodes.publishScheduled,
        log: ctx.log,
      },
      options,
    );
    // Published by hand first: the schedule goes, or it would publish again after an unpublication.
    const off = ctx.events.on("episode.published", ({ episodeId }) => {
      ctx.repos.schedules.cancel(episodeId).catch((err: unknown) => ctx.log.warn({ err, episodeId }, "programmation non retirée"));
    });
    await publisher.start(ctx.bus === undefined);
    return {
      async close() {
        off();
        await publisher.stop();
      },
    };
  };
}

/** Asks the partners for their review when an episode is submitted for it. */
export const reviewRequestsAttachment: Attach = (ctx) => {
  const off = ctx.events.on("episode.statusChanged", ({ episodeId, status }) => {
    if (status === "review") void ctx.services.reviewMarks.onSubmitted(episodeId);
  });
  return {
    async close() {
      off();
      await ctx.services.reviewMarks.idle();
    },
  };
};

export const defaultAttachments: Attach[] = [
  mailQueueAttachment(),
  commentNotificationsAttachment,
  reviewRequestsAttachment,
  scheduledPublicationAttachment(),
  collabAttachment,
];
