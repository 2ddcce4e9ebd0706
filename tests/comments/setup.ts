// Shared setup for comment tests: a server, a cast of roles, episodes in each status, and a JSON client.
import type { Episode } from "../../server/domain/types.ts";
import { buildCast, buildEpisodeRecord, buildPublishedEpisode, type Cast, type CastRole } from "../helpers/factories.ts";
import { startTestServer, TEST_ORIGIN, type TestServer } from "../helpers/server.ts";

export type Api = (
  method: string,
  path: string,
  options?: { as?: CastRole; body?: unknown; raw?: string },
) => Promise<{ status: number; json: Record<string, unknown> & { error?: { code: string } }; headers: Headers }>;

export type CommentWorld = {
  server: TestServer;
  cast: Cast;
  published: Episode;
  review: Episode;
  draft: Episode;
  api: Api;
  /** A fresh published episode with its revision (new thread, same programme). */
  newEpisode(overrides?: Partial<Episode>): Promise<Episode>;
};

export async function commentWorld(options: { realOrigin?: boolean } = {}): Promise<CommentWorld> {
  const server = await startTestServer(options.realOrigin ? { realOrigin: true } : {});
  const { ctx } = server;
  // Tests post in bursts; the flood rules have their own tests, which set them back.
  ctx.services.comments.options.limits = { minIntervalMs: 0, perHour: 1_000_000, duplicateWindowMs: 0 };
  const cast = await buildCast(ctx);
  const newEpisode = async (overrides: Partial<Episode> = {}) =>
    (await buildPublishedEpisode(ctx, cast.programme._id, overrides)).episode;
  const published = await newEpisode();
  const review = await buildEpisodeRecord(ctx, cast.programme._id, { status: "review" });
  const draft = await buildEpisodeRecord(ctx, cast.programme._id, { status: "draft" });
  const origin = options.realOrigin ? server.origin : TEST_ORIGIN;
  const api: Api = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { Origin: origin, Accept: "application/json" };
    if (opts.as && opts.as !== "anonymous") headers.Cookie = cast.cookies[opts.as];
    let body: string | undefined;
    if (opts.raw !== undefined || opts.body !== undefined) {
      headers["Content-Type"] = "application/json";
      body = opts.raw ?? JSON.stringify(opts.body);
    }
    const res = await fetch(server.url + path, { method, headers, body, redirect: "manual" });
    const text = await res.text();
    let json = {};
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = { text };
    }
    return { status: res.status, json: json as Record<string, unknown> & { error?: { code: string } }, headers: res.headers };
  };
  return { server, cast, published, review, draft, api, newEpisode };
}
