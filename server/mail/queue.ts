// The durable mail queue: enqueues one announcement per (episode, address) on first publication, and a worker sends
// them and the e-mails the services queue for accounts (review requests, mentions, proposal outcomes).
//
// Exactly once, and the one window left. A job's id is derived from (episode, address), so enqueueing twice
// (event replayed, startup sweep, republication) inserts nothing. A sender claims a job with a lease, and sends only
// while it holds that lease: it renews it (with the time of the renewal) just before the SMTP transaction and then
// every `renewMs`, and abandons a send not yet accepted `renewMs` before the lease would run out unrenewed — so a
// starved sender whose claim, reads or renewals came too late never sends a job another sender took over. It marks
// the job "sent" right after the SMTP server accepted it, job by job. The remaining window is a crash (or a stall
// longer than the lease) between that acceptance and the mark: the job is then still "sending", and is sent again
// once its lease runs out. It is narrowed by (1) marking right after acceptance, with nothing in between; (2) at most
// `concurrency` sends in flight per instance, which bounds the copies a kill can leave; (3) a Message-ID derived from
// the job id, so a copy carries the same Message-ID and mail systems that deduplicate on it recognise it; (4) a crash
// during the SMTP transaction itself (the slow part) sends nothing twice, since the server never accepted the first
// copy. SMTP offers no way to close the window fully: only the server knows it accepted, and it tells the dead sender.
import {
  ALL_PROGRAMMES,
  type AnnouncementJob,
  backoffMs,
  isAccountJob,
  isPermanentSmtpError,
  jobId,
  type MailJob,
  messageIdFor,
  pendingJob,
  type Subscription,
  unsubscribeToken,
} from "../domain/subscriptions.ts";
import type { Episode, Programme } from "../domain/types.ts";
import type { Events } from "../events.ts";
import type { Logger } from "../log.ts";
import type { RevisionsRepository } from "../repositories/episodes.ts";
import type { MailQueueRepository } from "../repositories/mailQueue.ts";
import type { SubscriptionsRepository } from "../repositories/subscriptions.ts";
import { newId } from "../store/ids.ts";
import { type AccountMailDeps, composeAccountMail } from "./accountMail.ts";
import type { Mailer, MailMessage } from "./mailer.ts";
import { episodeMessage, unsubscribeUrl } from "./messages.ts";

export type WorkerOptions = {
  /** Jobs sent at the same time: also the most copies a kill -9 of this instance can leave. */
  concurrency: number;
  /** How often an idle worker looks for due jobs (it is also woken when jobs are queued). */
  pollMs: number;
  /** How long one read of the due jobs serves claims: also how late a job abandoned by a dead sender may be seen. */
  dueReadMs: number;
  /** How long a claim holds unrenewed before another sender may take the job over. */
  leaseMs: number;
  /** How often a sender renews the claims it holds (the heartbeat), well within `leaseMs`. */
  renewMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
  /** Published episodes this recent get their batch opened at start if the publication event was lost. */
  sweepWindowMs: number;
  /** How long closing waits for sends in flight. */
  stopTimeoutMs: number;
};

export const defaultWorkerOptions: WorkerOptions = {
  // Four SMTP transactions overlap the round trips (nodemailer's pool keeps five connections, one left for account mail).
  concurrency: 4,
  pollMs: 2_000,
  dueReadMs: 1_000,
  // Short and renewed while the sender lives: a killed instance's jobs are taken over within seconds. Not shorter: a
  // sender starved for leaseMs - renewMs (seconds, on a loaded machine) abandons a send the server may have accepted.
  leaseMs: 10_000,
  renewMs: 2_500,
  baseDelayMs: 30_000,
  maxDelayMs: 60 * 60_000,
  maxAttempts: 10,
  sweepWindowMs: 7 * 24 * 60 * 60_000,
  // Within the process's own 10 s shutdown limit (server/main.ts): a send that hangs is left to its lease, to be taken over.
  stopTimeoutMs: 5_000,
};

/** What the queue uses; server/attachments.ts hands it in. Review requests, mentions and proposal outcomes are addressed to accounts. */
export type MailQueueDeps = AccountMailDeps & {
  jobs: MailQueueRepository;
  revisions: RevisionsRepository;
  subscriptions: SubscriptionsRepository;
  events: Events;
  mailer: Mailer;
  log: Logger;
  secret: string;
  /** Other instances send from the same store (REDIS_URL): a job "sending" may be theirs, so only its lease expiry frees it. */
  sharedStore?: boolean;
};

/** Due jobs read at once: enough for every sender of a few instances for a while. */
const DUE_BATCH = 50;

type Held = { until: number; abort: AbortController; timer: NodeJS.Timeout | undefined };

type Content = { episode: Episode & { number: number }; programme: Programme };

export function mailQueue(deps: MailQueueDeps, options: Partial<WorkerOptions> = {}, now: () => Date = () => new Date()) {
  const o = { ...defaultWorkerOptions, ...options };
  const repo = deps.jobs;
  const owner = newId();
  const log = deps.log.child({ module: "mail-queue" });
  let running = false;
  /** The jobs this sender holds, each with the time its lease is known to last until, and the abort of its send. */
  const held = new Map<string, Held>();
  let heartbeat: NodeJS.Timeout | undefined;
  let sleepers: (() => void)[] = [];
  const loops: Promise<void>[] = [];
  const cache = new Map<string, { at: number; content: Promise<Content | null> }>();

  const wake = () => {
    const s = sleepers;
    sleepers = [];
    for (const resolve of s) resolve();
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        sleepers = sleepers.filter((r) => r !== done);
        resolve();
      }, ms);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      sleepers.push(done);
    });

  /** Opens the batch of a published episode and queues one job per address subscribed when it came out. */
  async function announce(episodeId: string): Promise<number> {
    const episode = await deps.episodes.byId(episodeId);
    if (episode?.status !== "published" || episode.number === null) return 0;
    const batch = await repo.openBatch({
      _id: episode._id,
      programmeId: episode.programmeId,
      number: episode.number,
      cutoff: episode.firstPublishedAt ?? now(),
      createdAt: now(),
      enqueuedAt: null,
    });
    if (batch.enqueuedAt) return 0;
    const chosen = new Map<string, Subscription>();
    for (const sub of await deps.subscriptions.activeIn([episode.programmeId, ALL_PROGRAMMES], batch.cutoff)) {
      const current = chosen.get(sub.email);
      // Subscribed to both: the programme's own subscription is the one its unsubscribe link ends.
      if (!current || (current.scope === ALL_PROGRAMMES && sub.scope !== ALL_PROGRAMMES)) chosen.set(sub.email, sub);
    }
    let queued = 0;
    for (const sub of chosen.values()) {
      const added = await repo.enqueue({
        _id: jobId(episode._id, sub.email),
        episodeId: episode._id,
        programmeId: episode.programmeId,
        subscriptionId: sub._id,
        email: sub.email,
        ...pendingJob(now()),
      });
      if (added) queued++;
    }
    await repo.closeBatch(episode._id, now());
    wake();
    log.info({ episodeId, queued }, "annonce d'épisode mise en file");
    return queued;
  }

  /**
   * At start: finishes batches cut short by a crash, and opens those whose publication event was lost
   * (process died between publishing and enqueueing). Only recent episodes, so no one gets old news.
   */
  async function sweep(): Promise<void> {
    for (const batch of await repo.unfinishedBatches()) await announce(batch._id);
    const since = now().getTime() - o.sweepWindowMs;
    for (const episode of await deps.episodes.published()) {
      if (!episode.firstPublishedAt || episode.firstPublishedAt.getTime() < since) continue;
      if (!(await repo.batch(episode._id))) await announce(episode._id);
    }
  }

  function content(episodeId: string): Promise<Content | null> {
    const hit = cache.get(episodeId);
    if (hit && now().getTime() - hit.at < 30_000) return hit.content;
    const loading = (async () => {
      const episode = await deps.episodes.byId(episodeId);
      if (episode?.status !== "published" || episode.number === null) return null;
      const programme = await deps.programmes.byId(episode.programmeId);
      if (!programme) return null;
      // The public page shows the latest revision, not the draft being edited since.
      const revision = await deps.revisions.latest(episodeId);
      const shown = revision ? { ...episode, title: revision.title, slug: revision.slug, summary: revision.summary } : episode;
      return { episode: { ...shown, number: episode.number }, programme };
    })();
    cache.set(episodeId, { at: now().getTime(), content: loading });
    return loading;
  }

  /** The announcement of a queued job, or why it is no longer sent. */
  async function announcement(job: AnnouncementJob, messageId: string): Promise<MailMessage | { cancel: string }> {
    const sub = await deps.subscriptions.byId(job.subscriptionId);
    const found = await content(job.episodeId);
    if (!found) return { cancel: "épisode non publié" };
    if (sub?.status !== "active") return { cancel: "désabonné" };
    return episodeMessage({
      to: job.email,
      messageId,
      episode: found.episode,
      programme: found.programme,
      publicUrl: deps.publicUrl,
      unsubscribeLink: unsubscribeUrl(deps.publicUrl, unsubscribeToken(deps.secret, sub._id)),
    });
  }

  async function deliver(job: MailJob, lease: Held): Promise<void> {
    const messageId = messageIdFor(job._id, deps.publicUrl);
    const message = isAccountJob(job) ? await composeAccountMail(job, deps, messageId) : await announcement(job, messageId);
    if ("cancel" in message) {
      await repo.finish(job._id, owner, { status: "cancelled", lastError: message.cancel });
      return;
    }
    // A slow claim or slow reads may have used up much of the lease, and another sender taken the job over once it ran
    // out: unless the claim's lease is still fresh (it cannot have been taken then), renew it now or leave the job.
    if (lease.until - now().getTime() > o.leaseMs - o.renewMs) arm(lease);
    else if (!(await extend(job._id, lease))) {
      log.warn({ jobId: job._id }, "bail d'envoi perdu avant l'envoi : laissé à l'expéditeur qui l'a repris");
      return;
    }
    try {
      await deps.mailer.send(message, { signal: lease.abort.signal });
    } catch (error) {
      if (lease.abort.signal.aborted) {
        log.warn({ jobId: job._id }, "envoi abandonné avant l'expiration de son bail");
        await repo.finish(job._id, owner, { status: "pending", lastError: "bail expiré pendant l'envoi", nextAttemptAt: now() });
        return;
      }
      const reason = String((error as Error)?.message ?? error).slice(0, 500);
      const final = isPermanentSmtpError(error) || job.attempts >= o.maxAttempts;
      log.warn({ jobId: job._id, attempts: job.attempts, final, reason }, "envoi d'annonce échoué");
      await repo.finish(
        job._id,
        owner,
        final
          ? { status: "failed", lastError: reason }
          : {
              status: "pending",
              lastError: reason,
              nextAttemptAt: new Date(now().getTime() + backoffMs(job.attempts, o.baseDelayMs, o.maxDelayMs)),
            },
      );
      return;
    }
    // Accepted by SMTP: mark at once — see the window described at the top of this file.
    if (!(await repo.finish(job._id, owner, { status: "sent", sentAt: now() })))
      log.error({ jobId: job._id }, "annonce acceptée après la perte de son bail : une copie est possible");
  }

  /** Holds a claimed job, whose lease lasts at most until `until` (ms); the heartbeat renews it from now on. */
  function hold(id: string, until: number): Held {
    const lease: Held = { until, abort: new AbortController(), timer: undefined };
    held.set(id, lease);
    return lease;
  }
  /** From the send on: the send is abandoned `renewMs` before the lease would run out unrenewed. */
  function arm(lease: Held): void {
    clearTimeout(lease.timer);
    lease.timer = setTimeout(() => lease.abort.abort(), Math.max(0, lease.until - o.renewMs - now().getTime()));
    lease.timer.unref();
  }
  function release(id: string): void {
    clearTimeout(held.get(id)?.timer);
    held.delete(id);
  }

  /** Renews one held lease from the time of this renewal; a lost lease aborts the send. */
  async function extend(id: string, lease: Held): Promise<boolean> {
    // The time before the write: the lease is known to last until then plus leaseMs, never longer.
    const until = now().getTime() + o.leaseMs;
    const kept = await repo.extend(id, owner, new Date(until)).catch((err: unknown) => {
      log.warn({ err, jobId: id }, "bail d'envoi non renouvelé");
      return null;
    });
    if (kept === false) lease.abort.abort();
    if (!kept || lease.abort.signal.aborted) return false;
    lease.until = Math.max(lease.until, until);
    arm(lease);
    return true;
  }

  /** Due jobs' ids, abandoned ones first, each group shuffled so that the instances do not all race for the same job. */
  let candidates: string[] = [];
  let readAt = -Infinity;
  let reading: Promise<void> | null = null;
  const shuffled = (ids: string[]) => ids.sort(() => Math.random() - 0.5);
  function readDue(t: Date): Promise<void> {
    reading ??= repo
      .due(t, DUE_BATCH)
      .then(({ abandoned, pending }) => {
        candidates = [...shuffled(abandoned), ...shuffled(pending)];
        readAt = now().getTime();
      })
      .finally(() => {
        reading = null;
      });
    return reading;
  }
  /** Claims the next due job, held until the time given: one read of the queue serves many claims, each of one job by id (cheap on every engine). */
  async function claimNext(): Promise<{ job: MailJob; until: number } | null> {
    for (let read = false; ; ) {
      if (!read && (candidates.length === 0 || now().getTime() - readAt > o.dueReadMs)) {
        await readDue(now());
        read = true;
      }
      const id = candidates.shift();
      if (id === undefined) return null;
      // Loading nodemailer (megabytes of code) blocks this process for seconds on a loaded machine: loaded inside a lease,
      // it is the likeliest reason a restarted instance's first sends lost their leases in the kill test (and left copies).
      await deps.mailer.prepare?.();
      const t = now();
      const job = await repo.claim(id, owner, t, new Date(t.getTime() + o.leaseMs));
      if (job) return { job, until: t.getTime() + o.leaseMs };
    }
  }

  async function loop(): Promise<void> {
    while (running) {
      let job: MailJob | null = null;
      try {
        const claimed = await claimNext();
        job = claimed?.job ?? null;
        if (claimed) {
          const id = claimed.job._id;
          await deliver(claimed.job, hold(id, claimed.until)).finally(() => release(id));
        }
      } catch (error) {
        log.error({ err: error, jobId: job?._id }, "file d'envoi : erreur inattendue");
        await sleep(o.pollMs);
      }
      if (!job && running) await sleep(o.pollMs);
    }
  }

  const tracked = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    const safe = p.catch((error: unknown) => log.error({ err: error }, "file d'envoi : mise en file échouée"));
    tracked.add(safe);
    void safe.finally(() => tracked.delete(safe));
  };

  return {
    announce,
    sweep,
    wake,
    async start(): Promise<void> {
      running = true;
      // A store serving one instance (folder lock, or instance lease on MongoDB): a job still "sending" was left by a sender that died.
      if (!deps.sharedStore) await releaseOrphans();
      heartbeat = setInterval(() => void renew(), o.renewMs);
      heartbeat.unref();
      track(sweep());
      for (let i = 0; i < o.concurrency; i++) loops.push(loop());
    },
    /** Stops claiming, and waits (boundedly) for sends in flight and for enqueueing under way. */
    async stop(): Promise<void> {
      running = false;
      wake();
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, o.stopTimeoutMs);
      });
      await Promise.race([Promise.allSettled([...loops, ...tracked]), limit]);
      clearTimeout(timer);
      clearInterval(heartbeat);
    },
    /** Resolves when no enqueueing (announcement, replay, sweep) is under way. */
    async idle(): Promise<void> {
      while (tracked.size > 0) await Promise.allSettled([...tracked]);
    },
    listen(): () => void {
      return deps.events.on("episode.firstPublished", ({ episodeId }) => track(announce(episodeId)));
    },
  };

  /** The heartbeat: renews every lease held, each on its own so that one lost is known (and its send abandoned). */
  async function renew(): Promise<void> {
    await Promise.all([...held].map(([id, lease]) => extend(id, lease)));
  }

  async function releaseOrphans(): Promise<void> {
    const n = await repo.releaseLeases();
    if (n > 0) log.warn({ jobs: n }, "envois interrompus par un arrêt brutal : repris");
  }
}
export type MailQueue = ReturnType<typeof mailQueue>;

