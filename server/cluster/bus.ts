// The port through which instances talk to each other (publish/subscribe, shared hit windows): the domain never sees Redis.

export type Bus = {
  /** Sends a message to every other instance subscribed to the channel (never back to this one). */
  publish(channel: string, message: Uint8Array): Promise<void>;
  /** Resolves once the subscription is active: whatever is published after that is received. */
  subscribe(channel: string, handler: (message: Uint8Array) => void): Promise<() => Promise<void>>;
  /** Shared sliding windows: the times of the hits on a key since `since` (ms). */
  hitsSince(key: string, since: number): Promise<number[]>;
  /** Records a hit at `at`; the key is forgotten `ttlMs` after its last hit. */
  hit(key: string, at: number, ttlMs: number): Promise<void>;
  forget(key: string): Promise<void>;
  /** True for exactly one caller among all instances until `ttlMs` has passed: periodic work runs once per period. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Calls `handler` each time the link to the other instances is back after a loss (subscriptions restored); what was published meanwhile is lost. */
  onReconnect(handler: () => void): () => void;
  close(): Promise<void>;
};
