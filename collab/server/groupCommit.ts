// Group commit: the updates of one tick are merged and written in one append; nothing waits on an unfinished write.
import * as Y from "yjs";

export type Pending = { update: Uint8Array; origin: unknown };

export type GroupCommitHooks = {
  /** Writes one merged update; resolves once it is durable. */
  write(merged: Uint8Array): Promise<void>;
  /** Called after a batch is durable, in order: the place to relay it. */
  stored(batch: Pending[], merged: Uint8Array): void;
  /** Called once when a write fails; later updates are refused. */
  failed(error: unknown): void;
};

export class GroupCommit {
  private pending: Pending[] = [];
  private writing = false;
  private scheduled = false;
  private enqueued = 0;
  private written = 0;
  private failure: unknown = null;
  private waiters: { target: number; resolve: () => void; reject: (e: unknown) => void }[] = [];

  constructor(private readonly hooks: GroupCommitHooks) {}

  get broken(): boolean {
    return this.failure !== null;
  }

  enqueue(update: Uint8Array, origin: unknown): void {
    if (this.failure !== null) return;
    this.pending.push({ update, origin });
    this.enqueued++;
    this.schedule();
  }

  /** Resolves once every update enqueued so far is durable; null when that is already so. */
  barrier(): Promise<void> | null {
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.written === this.enqueued) return null;
    const target = this.enqueued;
    return new Promise((resolve, reject) => this.waiters.push({ target, resolve, reject }));
  }

  /** Resolves when nothing is pending or being written, whether the writes succeeded or not. */
  async idle(): Promise<void> {
    await this.barrier()?.catch(() => {});
  }

  private schedule(): void {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    // setImmediate runs after the socket reads of this loop turn: they all go in one write.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.writing || this.pending.length === 0 || this.failure !== null) return;
    const batch = this.pending;
    this.pending = [];
    this.writing = true;
    let merged: Uint8Array;
    try {
      merged = batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((p) => p.update));
      await this.hooks.write(merged);
    } catch (error) {
      this.writing = false;
      this.failure = error;
      this.pending = [];
      for (const w of this.waiters.splice(0)) w.reject(error);
      safely(() => this.hooks.failed(error));
      return;
    }
    this.writing = false;
    this.written += batch.length;
    safely(() => this.hooks.stored(batch, merged));
    const ready = this.waiters.filter((w) => w.target <= this.written);
    this.waiters = this.waiters.filter((w) => w.target > this.written);
    for (const w of ready) w.resolve();
    if (this.pending.length > 0) this.schedule();
  }
}

/** A hook that throws must not become an unhandled rejection: that would stop the whole process. */
function safely(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    process.emitWarning(`collab: ${String(error)}`);
  }
}
