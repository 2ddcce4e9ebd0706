// Waits for the durable mail queue to have nothing left to send (every job sent, failed or cancelled).
import type { Context } from "../../server/context.ts";
import { eventually } from "./eventually.ts";

export async function queueSettled(ctx: Context): Promise<void> {
  const jobs = ctx.repos.mailQueue;
  await eventually("la file d'envoi est vide", async () => (await jobs.count({ status: "pending" })) + (await jobs.count({ status: "sending" })) === 0);
}
