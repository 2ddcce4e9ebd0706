// Helpers of the scheduled-publication tests: a clock tests move, a body with text, Paris dates ahead of now, the PUT call.
import { $getRoot } from "lexical";
import request from "supertest";
import { changeDoc } from "../../collab/schema/documents.ts";
import { episodeRoom } from "../../collab/schema/rooms.ts";
import type { Context } from "../../server/context.ts";
import { type ParisWallClock, toParis } from "../../server/domain/parisTime.ts";
import { $p } from "../render/bodies.ts";
import { TEST_ORIGIN } from "../helpers/server.ts";

const HOUR_MS = 3_600_000;

/** A clock that stands still until the test moves it. */
export function testClock(start = new Date()) {
  let at = start.getTime();
  return {
    now: () => new Date(at),
    /** How many hours it runs ahead of the real time: a schedule due later than that waits for the next move. */
    aheadHours: () => Math.ceil((at - Date.now()) / HOUR_MS),
    advance: (ms: number) => {
      at += ms;
    },
  };
}

/** The Paris date and time `hours` from now (whole minutes). */
export const parisIn = (hours: number): ParisWallClock => toParis(new Date(Date.now() + hours * HOUR_MS));

/** Writes a paragraph of text into an episode's body, as a person typing would. */
export async function writeBody(ctx: Context, episodeId: string, text: string): Promise<void> {
  await ctx.services.documentChanges.change(episodeRoom(episodeId), (doc) =>
    changeDoc(doc, () => {
      $getRoot().clear().append($p(text));
    }),
  );
}

/** PUT or DELETE /api/episodes/:id/schedule as the holder of `cookie`. */
export function scheduleCall(url: string, cookie: string | undefined, episodeId: string, body?: unknown) {
  const path = `/api/episodes/${episodeId}/schedule`;
  const req = (body === undefined ? request(url).delete(path) : request(url).put(path).send(body as object)).set("Origin", TEST_ORIGIN);
  return cookie ? req.set("Cookie", cookie) : req;
}
