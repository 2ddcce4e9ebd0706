// The cluster's announcement test: 200 subscribers, three instances sending, one killed with kill -9 mid-send.
import assert from "node:assert/strict";
import { jobId, messageIdFor } from "../../server/domain/subscriptions.ts";
import type { Cluster } from "../helpers/cluster.ts";
import { eventually } from "../helpers/eventually.ts";
import { TEST_ORIGIN } from "../helpers/server.ts";
import { activeSubscriber } from "../subscriptions/seed.ts";
import type { TestSmtp } from "../subscriptions/smtp.ts";

export type KillRound = {
  accepted: number;
  victim: number;
  beforeKillMs: number;
  /** Until every job in flight at the kill (the victim's among them, left "sending") was sent. */
  takenOverAfterKillMs: number;
  deliveredAfterKillMs: number;
  /** Jobs "sending" at the kill, on every instance (read just before and just after it). */
  inFlightAtKill: number;
  readAfterKillMs: number;
  duplicates: number;
};

/**
 * Publishes one episode to `subscribers` and kills a random instance once `threshold` of its messages were accepted.
 * Asserts every subscriber got it with its stable Message-ID, and that copies (the SMTP window) come only from sends in
 * flight at the kill, one each; `onAccepted` is the SMTP server's hook.
 */
export async function announceThroughKill(
  c: Cluster,
  smtp: TestSmtp,
  hooks: { onAccepted: (() => void) | null },
  publish: (title: string) => Promise<string>,
  subscribers: string[],
  random: () => number,
  title: string,
): Promise<KillRound> {
  const before = smtp.received.length;
  const threshold = 1 + Math.floor(random() * (subscribers.length * 0.7));
  const victim = Math.floor(random() * c.instances.length);
  const reached = new Promise<void>((resolve) => {
    hooks.onAccepted = () => {
      if (smtp.received.length - before < threshold) return;
      hooks.onAccepted = null;
      resolve();
    };
  });
  const publishedAt = performance.now();
  const episodeId = await publish(title);
  await reached;
  const sending = async () => (await c.ctx.repos.mailQueue.forEpisode(episodeId)).filter((j) => j.status === "sending").map((j) => j._id);
  // Read on both sides of the kill: a job sending at the kill is in one of them, unless the read after took longer than
  // the victim's lease had left (at least leaseMs - renewMs), which `readAfterKillMs` shows it does not.
  const sendingBefore = await sending();
  const killedAt = performance.now();
  const restarted = c.restart(victim, "SIGKILL");
  const inFlight = [...new Set([...sendingBefore, ...(await sending())])];
  const readAfterKillMs = performance.now() - killedAt;
  const takeOver = eventually(
    "les envois en cours au moment du kill sont repris",
    async () => (await Promise.all(inFlight.map((id) => c.ctx.repos.mailQueue.byId(id)))).every((j) => j?.status === "sent"),
    // Each probe reads the store, which the senders share: every 100 ms is precise enough and leaves them the server.
    { timeoutMs: 45_000, everyMs: 100 },
  ).then(() => performance.now() - killedAt);
  const expected = new Map(subscribers.map((email) => [email, messageIdFor(jobId(episodeId, email), TEST_ORIGIN)]));
  const mine = (email: string) => smtp.to(email).filter((m) => m.messageId.startsWith(`<${episodeId}.`));
  const takenOverAfterKillMs = await takeOver;
  const missing = () => subscribers.filter((email) => mine(email).length === 0).length;
  // Bounded, but for a loaded machine: two instances left may deliver 200 messages at about one a second.
  await eventually("chaque abonné a reçu l'annonce", () => missing() === 0, { timeoutMs: 300_000 }).catch(async (error: Error) => {
    const jobs = await c.ctx.repos.mailQueue.forEpisode(episodeId);
    const by = (status: string) => jobs.filter((j) => j.status === status).length;
    throw new Error(`${error.message} (${missing()} sans message ; files : ${by("pending")} en attente, ${by("sending")} en cours, ${by("sent")} envoyés)`);
  });
  const deliveredAfterKillMs = performance.now() - killedAt;
  await restarted;
  await eventually(
    "tous les envois de l'épisode sont marqués envoyés",
    async () => (await c.ctx.repos.mailQueue.count({ status: "sent", episodeId })) === subscribers.length,
    { timeoutMs: 45_000, everyMs: 100 },
  );
  let duplicates = 0;
  for (const email of subscribers) {
    const copies = mine(email);
    for (const m of copies) assert.equal(m.messageId, expected.get(email), `Message-ID stable pour ${email}`);
    duplicates += copies.length - 1;
    // The one window left (accepted, sender killed before the mark) holds only sends in flight at the kill, one copy each.
    if (copies.length > 1) {
      assert.ok(inFlight.includes(jobId(episodeId, email)), `${email} : ${copies.length} messages, sans envoi en cours au kill`);
      assert.equal(copies.length, 2, `${email} : une copie au plus`);
    }
  }
  assert.ok(duplicates <= inFlight.length, `${duplicates} copies pour ${inFlight.length} envois en cours au kill`);
  return { accepted: threshold, victim, beforeKillMs: killedAt - publishedAt, takenOverAfterKillMs, deliveredAfterKillMs, inFlightAtKill: inFlight.length, readAfterKillMs, duplicates };
}

/** 200 (or `count`) active subscribers of `programmeId`, written to the shared store. */
export async function subscribersOf(c: Cluster, programmeId: string, count: number): Promise<string[]> {
  const emails = Array.from({ length: count }, (_, i) => `abonne-${i}@exemple.test`);
  for (const email of emails) await activeSubscriber(c.ctx, email, programmeId);
  return emails;
}
