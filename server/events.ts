// Domain events that other parts react to (mail queue, collaboration), decoupled from who emits them.
import { EventEmitter } from "node:events";

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
  /** An episode's themes changed: its pages, its themes' pages and feeds re-render. */
  "episode.themesChanged": [{ episodeId: string; programmeId: string }];
  /** A programme's public fields changed (title, intro, partners…): public pages re-render. */
  "programme.updated": [{ programmeId: string }];
};

export class Events {
  private readonly emitter = new EventEmitter();
  on<K extends keyof DomainEvents>(name: K, listener: (...args: DomainEvents[K]) => void): () => void {
    this.emitter.on(name, listener as (...args: unknown[]) => void);
    return () => this.emitter.off(name, listener as (...args: unknown[]) => void);
  }
  emit<K extends keyof DomainEvents>(name: K, ...args: DomainEvents[K]): void {
    this.emitter.emit(name, ...args);
  }
}
