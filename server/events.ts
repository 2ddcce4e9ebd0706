// Domain events that other parts react to (mail queue, collaboration, page cache), on this instance or on every instance.
import { EventEmitter } from "node:events";
import type { Bus } from "./cluster/bus.ts";

export type DomainEvents = {
  /** An episode got its number: sent once per episode, never on republication. */
  "episode.firstPublished": [{ episodeId: string; programmeId: string; number: number }];
  "episode.published": [{ episodeId: string; programmeId: string; revisionId: string }];
  "episode.statusChanged": [{ episodeId: string; programmeId: string; status: string }];
  /** A user's roles changed (membership added, changed or removed, account deactivated). */
  "access.changed": [{ userId: string; programmeId?: string }];
  "comment.created": [{ commentId: string; episodeId: string; programmeId: string }];
  /** An episode's comments changed other than by a new one: edited, hidden, shown, deleted, or the thread closed or reopened. */
  "comments.changed": [{ episodeId: string; programmeId: string }];
  /** An episode's review threads changed (new thread or reply, resolved, reopened, deleted): live readers refresh them. */
  "review.changed": [{ episodeId: string; programmeId: string }];
  /** An episode's themes changed: its pages, its themes' pages and feeds re-render. */
  "episode.themesChanged": [{ episodeId: string; programmeId: string }];
  /** A programme's public fields changed (title, intro, partners…): public pages re-render. */
  "programme.updated": [{ programmeId: string }];
};

const CHANNEL = "events";

/**
 * `on` hears what this instance emits: work done once (mail, notifications) listens there. `onEveryInstance`
 * also hears what other instances emit, through the bus: state every instance holds (caches, open sockets).
 */
export class Events {
  private readonly local = new EventEmitter();
  private readonly everywhere = new EventEmitter();
  private readonly encoder = new TextEncoder();

  constructor(private readonly bus?: Bus) {}

  /** Receives the other instances' events; resolves once subscribed. */
  async listenToOtherInstances(onError: (error: unknown) => void): Promise<() => Promise<void>> {
    if (!this.bus) return async () => {};
    const decoder = new TextDecoder();
    return await this.bus.subscribe(CHANNEL, (message) => {
      try {
        const { name, args } = JSON.parse(decoder.decode(message)) as { name: string; args: unknown[] };
        this.everywhere.emit(name, ...args);
      } catch (error) {
        onError(error);
      }
    });
  }

  on<K extends keyof DomainEvents>(name: K, listener: (...args: DomainEvents[K]) => void): () => void {
    return listen(this.local, name, listener as (...args: unknown[]) => void);
  }

  onEveryInstance<K extends keyof DomainEvents>(name: K, listener: (...args: DomainEvents[K]) => void): () => void {
    return listen(this.everywhere, name, listener as (...args: unknown[]) => void);
  }

  emit<K extends keyof DomainEvents>(name: K, ...args: DomainEvents[K]): void {
    this.local.emit(name, ...args);
    this.everywhere.emit(name, ...args);
    // A lost message leaves another instance's cache stale until its next invalidation: no reason to fail the request.
    void this.bus?.publish(CHANNEL, this.encoder.encode(JSON.stringify({ name, args }))).catch(() => {});
  }
}

function listen(emitter: EventEmitter, name: string, listener: (...args: unknown[]) => void): () => void {
  emitter.on(name, listener);
  return () => emitter.off(name, listener);
}
