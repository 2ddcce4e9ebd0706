// Every collection Carnet keeps, with its indexes: the one list both engines are opened with.
import type { CollectionSpec } from "./types.ts";

export const collections: CollectionSpec[] = [
  { name: "meta", indexes: [] },
  { name: "counters", indexes: [] },
  { name: "territories", indexes: [{ name: "territories_name", fields: ["name"], unique: true }] },
  { name: "users", indexes: [{ name: "users_email", fields: ["email"], unique: true }] },
  { name: "sessions", indexes: [{ name: "sessions_user", fields: ["userId"] }] },
  // _id is the SHA-256 of the browser's sign-in attempt cookie: state, nonce and PKCE verifier, used once.
  { name: "oidc_attempts", indexes: [] },
  {
    name: "tokens",
    indexes: [
      { name: "tokens_user", fields: ["userId"] },
      { name: "tokens_programme", fields: ["programmeId"] },
    ],
  },
  {
    name: "memberships",
    indexes: [
      { name: "memberships_user_programme", fields: ["userId", "programmeId"], unique: true },
      { name: "memberships_programme", fields: ["programmeId"] },
    ],
  },
  { name: "programmes", indexes: [{ name: "programmes_slug", fields: ["slug"], unique: true }] },
  {
    name: "episodes",
    indexes: [
      { name: "episodes_programme_slug", fields: ["programmeId", "slug"], unique: true },
      { name: "episodes_programme", fields: ["programmeId"] },
    ],
  },
  // _id is "<programmeId>:<number>": the unique (programme, number) index that both engines enforce alike.
  { name: "episode_numbers", indexes: [] },
  {
    name: "revisions",
    indexes: [
      { name: "revisions_episode", fields: ["episodeId"] },
      { name: "revisions_programme", fields: ["programmeId"] },
    ],
  },
  // _id is "<room>:<seq, 12 digits>": a room's log is one range of the _id index (see docs.ts). Only MongoDB
  // keeps a `room` index, for several rooms at once: NeDB's non-unique index made each compaction scan it all.
  { name: "doc_updates", indexes: [{ name: "doc_updates_room", fields: ["room"], engine: "mongodb" }] },
  { name: "doc_snapshots", indexes: [] },
  {
    name: "comments",
    indexes: [
      { name: "comments_episode", fields: ["episodeId"] },
      { name: "comments_author", fields: ["authorId"] },
      { name: "comments_programme", fields: ["programmeId"] },
    ],
  },
  { name: "notification_prefs", indexes: [] },
  { name: "comment_digest_items", indexes: [{ name: "comment_digest_items_user", fields: ["userId"] }] },
  { name: "comment_digest_state", indexes: [] },
  { name: "review_comments", indexes: [{ name: "review_comments_episode", fields: ["episodeId"] }, { name: "review_comments_thread", fields: ["threadId"] }] },
  {
    name: "subscriptions",
    indexes: [
      { name: "subscriptions_email_scope", fields: ["email", "scope"], unique: true },
      { name: "subscriptions_scope", fields: ["scope"] },
      { name: "subscriptions_token", fields: ["confirmTokenHash"] },
    ],
  },
  // _id is "<episodeId>:<address hash>": the unique key that makes each announcement go out once per address.
  { name: "mail_jobs", indexes: [{ name: "mail_jobs_status", fields: ["status"] }, { name: "mail_jobs_episode", fields: ["episodeId"] }] },
  { name: "mail_batches", indexes: [] },
  // _id is the episode's: one scheduled publication per episode.
  { name: "episode_schedules", indexes: [{ name: "episode_schedules_status_at", fields: ["status", "at"] }] },
  // review_rounds' _id is the episode's; review_marks' is "<episodeId>:<territoryId>", one mark per territory.
  { name: "review_rounds", indexes: [] },
  { name: "review_marks", indexes: [{ name: "review_marks_episode", fields: ["episodeId"] }] },
];
