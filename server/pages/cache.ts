// Keeps rendered public responses in memory until a publication, an unpublication, a programme or a comment change.
import { createHash } from "node:crypto";
import type { Events } from "../events.ts";
import { SLOT_MARK, type SlotCall } from "./slots.ts";

/** What a public route renders: a page or document, a permanent redirect, or nothing public. */
export type Built =
  | { kind: "page"; type: string; body: string; lastModified: Date | null; slot?: SlotCall }
  | { kind: "redirect"; location: string }
  | { kind: "missing" };

export type Prepared =
  | {
      kind: "page";
      type: string;
      /** The whole body with the slot left empty. */
      full: Buffer;
      /** The body cut at the slot, when the page has one. */
      around: [string, string] | null;
      etag: string;
      lastModified: Date | null;
      slot?: SlotCall;
    }
  | { kind: "redirect"; location: string }
  | { kind: "missing" };

export const strongEtag = (body: string | Buffer) =>
  `"${createHash("sha1").update(body).digest("base64url").slice(0, 27)}"`;

/** `changedAt` is the last invalidation: an unpublication makes pages older in content but newer in time. */
export function prepare(built: Built, changedAt: Date): Prepared {
  if (built.kind !== "page") return built;
  const at = built.body.indexOf(SLOT_MARK);
  const around: [string, string] | null =
    at < 0 ? null : [built.body.slice(0, at), built.body.slice(at + SLOT_MARK.length)];
  const full = Buffer.from(around ? around[0] + around[1] : built.body);
  // HTTP dates have whole seconds: rounding down keeps If-Modified-Since comparisons exact.
  const latest = built.lastModified ? Math.max(built.lastModified.getTime(), changedAt.getTime()) : null;
  const lastModified = latest === null ? null : new Date(Math.floor(latest / 1000) * 1000);
  return { kind: "page", type: built.type, full, around, etag: strongEtag(full), lastModified, ...(built.slot ? { slot: built.slot } : {}) };
}

const MAX_ENTRIES = 2000;

export class PageCache {
  private version = 0;
  private changedAt = new Date();
  private readonly entries = new Map<string, { version: number; expires: number; value: Prepared }>();
  private readonly pending = new Map<string, Promise<Prepared>>();

  /** `ttlMs` bounds staleness for changes no event announces (a user renamed, a territory renamed). */
  constructor(
    events: Events,
    private readonly ttlMs = 60_000,
  ) {
    const invalidate = () => this.invalidate();
    events.onEveryInstance("episode.published", invalidate);
    events.onEveryInstance("episode.statusChanged", invalidate);
    events.onEveryInstance("episode.firstPublished", invalidate);
    events.onEveryInstance("programme.updated", invalidate);
    events.onEveryInstance("episode.themesChanged", invalidate);
    // Episode lists show comment counts.
    events.onEveryInstance("comment.created", invalidate);
    events.onEveryInstance("comments.changed", invalidate);
  }

  /** Composed anonymous pages (page + slot output), for slots that announce their changes. */
  private readonly composed = new Map<string, { version: number; page: Prepared; body: Buffer; etag: string }>();
  private composedVersion = 0;

  /** Drops composed pages only (a slot's content changed, not the page's). */
  invalidateSlots(): void {
    this.composedVersion++;
    this.composed.clear();
  }

  /** `page` is the cached page it was composed from: a page rendered again means composing again. */
  async composedFor(
    key: string,
    page: Prepared,
    compose: () => Promise<{ body: Buffer; etag: string }>,
  ): Promise<{ body: Buffer; etag: string }> {
    const hit = this.composed.get(key);
    if (hit && hit.version === this.composedVersion && hit.page === page) return hit;
    const version = this.composedVersion;
    const value = await compose();
    if (version === this.composedVersion) {
      if (this.composed.size >= MAX_ENTRIES) this.composed.clear();
      this.composed.set(key, { version, page, ...value });
    }
    return value;
  }

  invalidate(): void {
    this.invalidateSlots();
    this.version++;
    this.changedAt = new Date();
    this.entries.clear();
    this.pending.clear();
  }

  async get(key: string, build: () => Promise<Built>): Promise<Prepared> {
    const hit = this.entries.get(key);
    if (hit && hit.version === this.version && hit.expires > Date.now()) return hit.value;
    // Concurrent misses for one key share a single render.
    const running = this.pending.get(key);
    if (running) return await running;
    const version = this.version;
    const changedAt = this.changedAt;
    const promise = build().then((built) => prepare(built, changedAt));
    this.pending.set(key, promise);
    try {
      const value = await promise;
      if (version === this.version) {
        if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
        this.entries.set(key, { version, expires: Date.now() + this.ttlMs, value });
      }
      return value;
    } finally {
      if (this.pending.get(key) === promise) this.pending.delete(key);
    }
  }
}
