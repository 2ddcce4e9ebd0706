// E-mail subscriptions: one record per (address, scope), reused when the address subscribes again.
import type { Subscription } from "../domain/subscriptions.ts";
import type { Store } from "../store/types.ts";

export function subscriptionsRepository(store: Store) {
  const subs = store.collection<Subscription>("subscriptions");
  return {
    insert: (s: Subscription) => subs.insertOne(s),
    byId: (id: string) => subs.findOne({ _id: id }),
    find: (email: string, scope: string) => subs.findOne({ email, scope }),
    byTokenHash: (confirmTokenHash: string) => subs.findOne({ confirmTokenHash }),
    update: (id: string, fields: Partial<Omit<Subscription, "_id">>) => subs.updateOne({ _id: id }, { $set: fields }),
    /** Consumes a confirmation token: only one caller can win, so a link works once. */
    confirm: (id: string, tokenHash: string, at: Date) =>
      subs.updateOne(
        { _id: id, status: "pending", confirmTokenHash: tokenHash },
        { $set: { status: "active", confirmTokenHash: null, confirmExpiresAt: null, confirmedAt: at } },
      ),
    /** Active subscriptions of these scopes confirmed no later than `before`. */
    activeIn: (scopes: string[], before: Date) =>
      subs.find({ scope: { $in: scopes }, status: "active", confirmedAt: { $lte: before } }, { sort: { _id: 1 } }),
    countActive: (scope: string) => subs.count({ scope, status: "active" }),
    list: (filter: { scope?: string } = {}) => subs.find({ ...filter }, { sort: { email: 1 } }),
  };
}
export type SubscriptionsRepository = ReturnType<typeof subscriptionsRepository>;
