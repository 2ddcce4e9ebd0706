// Paces a connection's sync step 1 requests: a byte budget refilled over time, one request waiting at most.

export type SyncGateDeps = {
  /** About the document's size: the largest answer. */
  documentBytes(): number;
  /** Bytes already sent to this client and not yet taken by it. */
  unread(): number;
  /** Answers the request; returns the bytes sent. */
  answer(stateVector: Uint8Array): number;
  /** The client left an answer unread too long. */
  tooSlow(): void;
};

/**
 * Every answer is the part of the document the client lacks, the whole document for a new one: a
 * client asking in a loop would make the server encode and buffer it again and again. Answers draw
 * their size from a budget refilled at `bytesPerSecond` (an up-to-date client's answer costs little);
 * while an earlier answer is still unread, the next one waits; a newer request replaces the waiting
 * one (its answer covers the older one's).
 */
export const SYNC_PACE = {
  bytesPerSecond: 2 * 1024 * 1024,
  /** The budget holds at least this, and at least two answers. */
  burstBytes: 8 * 1024 * 1024,
  /** Unread bytes under which the client counts as reading. */
  readingBelow: 64 * 1024,
  /** A request waiting this long on unread data means the client does not read: it is cut. */
  slowAfterMs: 10_000,
  retryMs: 100,
  /** What an answer costs at least, however small. */
  minimumCost: 1024,
};

export class SyncGate {
  private tokens = Number.POSITIVE_INFINITY;
  private refilled = Date.now();
  private waiting: Uint8Array | null = null;
  private waitingSince = 0;
  private retry: NodeJS.Timeout | null = null;

  constructor(private readonly deps: SyncGateDeps) {}

  request(stateVector: Uint8Array): void {
    if (this.waiting === null) this.waitingSince = Date.now();
    this.waiting = stateVector;
    if (!this.retry) this.attempt();
  }

  stop(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.waiting = null;
  }

  private attempt(): void {
    this.retry = null;
    const stateVector = this.waiting;
    if (!stateVector) return;
    const now = Date.now();
    const capacity = Math.max(SYNC_PACE.burstBytes, 2 * this.deps.documentBytes());
    this.tokens = Math.min(capacity, this.tokens + ((now - this.refilled) / 1000) * SYNC_PACE.bytesPerSecond);
    this.refilled = now;
    const reading = this.deps.unread() < SYNC_PACE.readingBelow;
    if (reading && this.tokens > 0) {
      this.waiting = null;
      this.tokens -= Math.max(SYNC_PACE.minimumCost, this.deps.answer(stateVector));
      return;
    }
    if (!reading && now - this.waitingSince > SYNC_PACE.slowAfterMs) {
      this.stop();
      this.deps.tooSlow();
      return;
    }
    this.retry = setTimeout(() => this.attempt(), SYNC_PACE.retryMs);
    this.retry.unref();
  }
}
