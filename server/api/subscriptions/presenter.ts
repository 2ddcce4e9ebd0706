// The shapes of subscriptions that leave the API (never the address, except in the admin's CSV).
import { ALL_PROGRAMMES, type Subscription } from "../../domain/subscriptions.ts";

export const presentSubscription = (sub: Subscription, title: string) => ({
  id: sub._id,
  programmeId: sub.scope === ALL_PROGRAMMES ? null : sub.scope,
  title,
  status: sub.status,
});

/** A spreadsheet must not read a cell as a formula; quotes are doubled. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function subscribersCsv(subs: Subscription[], slugOf: (scope: string) => string): string {
  const rows = [["email", "programme", "confirme_le"].map(cell).join(",")];
  for (const s of subs)
    if (s.status === "active")
      rows.push([s.email, slugOf(s.scope), s.confirmedAt?.toISOString() ?? ""].map(cell).join(","));
  return `${rows.join("\r\n")}\r\n`;
}
