// Helpers of the subscription tests: active subscribers, a published episode announced, waiting for the queue.
import type { Context } from "../../server/context.ts";
import { ALL_PROGRAMMES, type Subscription, unsubscribeToken } from "../../server/domain/subscriptions.ts";
import type { Episode, Programme } from "../../server/domain/types.ts";
import { hashToken, newId, newToken } from "../../server/store/ids.ts";
import { eventually } from "../helpers/eventually.ts";
import { buildEpisodeRecord } from "../helpers/factories.ts";

/** An active subscription written straight to the store (the opt-in flow has its own tests). */
export async function activeSubscriber(
  ctx: Context,
  email: string,
  scope: string = ALL_PROGRAMMES,
  overrides: Partial<Subscription> = {},
): Promise<Subscription> {
  const at = new Date(Date.now() - 60_000);
  return await ctx.repos.subscriptions.insert({
    _id: newId(),
    email,
    scope,
    status: "active",
    confirmTokenHash: null,
    confirmExpiresAt: null,
    createdAt: at,
    confirmedAt: at,
    unsubscribedAt: null,
    ...overrides,
  });
}

let numbers = 0;

/** Inserts a published episode and emits its first publication, as the episodes service does. */
export async function publishEpisode(ctx: Context, programme: Programme, overrides: Partial<Episode> = {}): Promise<Episode> {
  const at = new Date();
  const episode = await buildEpisodeRecord(ctx, programme._id, {
    status: "published",
    number: ++numbers,
    firstPublishedAt: at,
    lastPublishedAt: at,
    ...overrides,
  });
  ctx.events.emit("episode.firstPublished", { episodeId: episode._id, programmeId: programme._id, number: episode.number! });
  return episode;
}

/** Waits until the episode's batch is queued and no job of it is pending or being sent. */
export async function drained(ctx: Context, episodeId: string, timeoutMs = 30_000): Promise<void> {
  await eventually(
    "la file d'envoi vidée",
    async () => {
      const batch = await ctx.repos.mailQueue.batch(episodeId);
      const busy =
        (await ctx.repos.mailQueue.count({ status: "pending", episodeId })) +
        (await ctx.repos.mailQueue.count({ status: "sending", episodeId }));
      return Boolean(batch?.enqueuedAt) && busy === 0;
    },
    { timeoutMs },
  );
}

/** A pending subscription and the token of its confirmation link, stored as the service stores it. */
export async function pendingConfirmation(ctx: Context, email = `attente-${newId()}@example.org`): Promise<string> {
  const token = newToken();
  await activeSubscriber(ctx, email, ALL_PROGRAMMES, {
    status: "pending",
    confirmedAt: null,
    confirmTokenHash: hashToken(token),
    confirmExpiresAt: new Date(Date.now() + 3_600_000),
  });
  return token;
}

/** The unsubscribe token of a fresh active subscription. */
export async function unsubscribeLink(ctx: Context, email = `actif-${newId()}@example.org`): Promise<string> {
  const sub = await activeSubscriber(ctx, email);
  return unsubscribeToken(ctx.config.sessionSecret, sub._id);
}
