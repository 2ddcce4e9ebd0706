// Subscribing (double opt-in), confirming, unsubscribing, counting and exporting e-mail subscribers.
import { pendingWork } from "./pendingWork.ts";
import {
  ALL_PROGRAMMES,
  CONFIRM_TTL_MS,
  confirmationValid,
  RateLimiter,
  readUnsubscribeToken,
  type Subscription,
} from "../domain/subscriptions.ts";
import type { Programme } from "../domain/types.ts";
import { AppError, DuplicateKeyError, notFound, tooMany } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { Mailer } from "../mail/mailer.ts";
import { confirmationMessage, confirmUrl } from "../mail/messages.ts";
import type { ProgrammesRepository } from "../repositories/programmes.ts";
import type { SubscriptionsRepository } from "../repositories/subscriptions.ts";
import { hashToken, newId, newToken } from "../store/ids.ts";

export type SubscriptionDeps = {
  subscriptions: SubscriptionsRepository;
  programmes: ProgrammesRepository;
  mailer: Mailer;
  log: Logger;
  publicUrl: string;
  secret: string;
  instanceName: string;
  now?: () => Date;
  /** Requests per hour allowed from one IP, and at one address. */
  limits?: { perIp: number; perAddress: number };
};

const HOUR = 60 * 60 * 1000;

export const invalidLink = () =>
  new AppError(410, "invalid_link", "Ce lien n'est pas ou plus valable. Vous pouvez refaire une demande d'abonnement.");

export function subscriptionService(deps: SubscriptionDeps) {
  const now = deps.now ?? (() => new Date());
  const perIp = new RateLimiter(deps.limits?.perIp ?? 20, HOUR);
  const perAddress = new RateLimiter(deps.limits?.perAddress ?? 3, HOUR);
  /** Confirmation e-mails go out after the answer, so its timing says nothing about the address. */
  const pending = pendingWork();

  async function scopeTitle(scope: string): Promise<string> {
    if (scope === ALL_PROGRAMMES) return `tous les programmes de ${deps.instanceName}`;
    return (await deps.programmes.byId(scope))?.title ?? "un programme";
  }

  function sendConfirmation(email: string, scope: string, token: string): void {
    const job = (async () => {
      const message = confirmationMessage({
        to: email,
        link: confirmUrl(deps.publicUrl, token),
        what: await scopeTitle(scope),
        instanceName: deps.instanceName,
      });
      await deps.mailer.send(message);
    })().catch((error: unknown) => deps.log.error({ err: error }, "e-mail de confirmation non envoyé"));
    pending.track(job);
  }

  return {
    /**
     * Records a pending subscription and sends a confirmation link. Answers the same whether the address
     * was unknown, pending, active or unsubscribed; an active subscription is left as it is.
     */
    async subscribe(input: { email: string; programmeId: string | null; ip: string }): Promise<void> {
      const email = input.email.trim().toLowerCase();
      const t = now();
      const wait = Math.max(perIp.hit(input.ip, t.getTime()), perAddress.hit(email, t.getTime()));
      if (wait > 0) throw tooMany(wait);
      let scope = ALL_PROGRAMMES;
      if (input.programmeId !== null) {
        const programme = await deps.programmes.byId(input.programmeId);
        if (!programme) throw notFound("Programme");
        scope = programme._id;
      }
      const token = newToken();
      const pending = {
        status: "pending" as const,
        confirmTokenHash: hashToken(token),
        confirmExpiresAt: new Date(t.getTime() + CONFIRM_TTL_MS),
      };
      const existing = await deps.subscriptions.find(email, scope);
      if (existing?.status === "active") return;
      if (existing) await deps.subscriptions.update(existing._id, pending);
      else {
        const fresh: Subscription = {
          _id: newId(),
          email,
          scope,
          ...pending,
          createdAt: t,
          confirmedAt: null,
          unsubscribedAt: null,
        };
        try {
          await deps.subscriptions.insert(fresh);
        } catch (error) {
          // Two requests for the same address at once: the other one sent the link.
          if (error instanceof DuplicateKeyError) return;
          throw error;
        }
      }
      sendConfirmation(email, scope, token);
    },

    /** Whether a confirmation link is still usable (for the page that shows the button; changes nothing). */
    async checkConfirmation(token: string): Promise<{ subscription: Subscription; title: string }> {
      const sub = token.length <= 100 ? await deps.subscriptions.byTokenHash(hashToken(token)) : null;
      if (!sub || !confirmationValid(sub, hashToken(token), now())) throw invalidLink();
      return { subscription: sub, title: await scopeTitle(sub.scope) };
    },

    /** Uses a confirmation link once; the subscription becomes active. */
    async confirm(token: string): Promise<{ subscription: Subscription; title: string }> {
      const { subscription: sub, title } = await this.checkConfirmation(token);
      if ((await deps.subscriptions.confirm(sub._id, hashToken(token), now())) !== 1) throw invalidLink();
      return { subscription: { ...sub, status: "active" }, title };
    },

    /** The subscription an unsubscribe link names (for the page with the button; changes nothing). */
    async checkUnsubscribe(token: string): Promise<{ subscription: Subscription; title: string }> {
      const id = token.length <= 100 ? readUnsubscribeToken(deps.secret, token) : null;
      const sub = id ? await deps.subscriptions.byId(id) : null;
      if (!sub) throw invalidLink();
      return { subscription: sub, title: await scopeTitle(sub.scope) };
    },

    /** One-click unsubscribe; doing it twice is harmless. */
    async unsubscribe(token: string): Promise<{ subscription: Subscription; title: string }> {
      const found = await this.checkUnsubscribe(token);
      if (found.subscription.status !== "unsubscribed")
        await deps.subscriptions.update(found.subscription._id, {
          status: "unsubscribed",
          confirmTokenHash: null,
          confirmExpiresAt: null,
          unsubscribedAt: now(),
        });
      return found;
    },

    /** Active subscribers who receive a programme's episodes: its own, and those following everything. */
    async count(programme: Programme): Promise<{ programme: number; allProgrammes: number }> {
      return {
        programme: await deps.subscriptions.countActive(programme._id),
        allProgrammes: await deps.subscriptions.countActive(ALL_PROGRAMMES),
      };
    },

    list: (scope?: string) => deps.subscriptions.list(scope ? { scope } : {}),

    /** Resolves when every confirmation e-mail already started has been handed over (or failed). */
    async idle(): Promise<void> {
      await pending.idle();
    },
  };
}
export type SubscriptionService = ReturnType<typeof subscriptionService>;
