// A programme's archive carries exactly its episodes' update logs, page after page, and no other programme's.
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { finished } from "node:stream/promises";
import { after, before, describe, it } from "node:test";
import { unzipSync } from "fflate";
import { $createParagraphNode, $createTextNode, $getRoot } from "lexical";
import { changeDoc } from "../../collab/schema/documents.ts";
import { episodeRoom } from "../../collab/schema/rooms.ts";
import { decodeDoc } from "../../server/archive/format.ts";
import { writeArchive } from "../../server/archive/write.ts";
import type { DocUpdate } from "../../server/repositories/docs.ts";
import { buildEpisodeRecord, buildProgramme } from "../helpers/factories.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

describe("programme archive: the episodes' update logs", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.close();
  });

  it("holds every log entry of the programme's episodes, more than one page of them, and none of another programme", async () => {
    const { ctx } = server;
    const [mine, other] = [await buildProgramme(ctx), await buildProgramme(ctx)];
    const episodes = [await buildEpisodeRecord(ctx, mine._id), await buildEpisodeRecord(ctx, mine._id), await buildEpisodeRecord(ctx, other._id)];
    // 150 + 60 entries of the programme: more than the archive's page of 200.
    for (const [episode, count] of [[episodes[0]!, 150], [episodes[1]!, 60], [episodes[2]!, 20]] as const)
      for (let i = 0; i < count; i++)
        await ctx.services.documentChanges.change(episodeRoom(episode._id), (doc) =>
          changeDoc(doc, () => $getRoot().append($createParagraphNode().append($createTextNode(`${episode.title} ${i}`)))),
        );
    const rooms = new Set(episodes.slice(0, 2).map((e) => episodeRoom(e._id)));
    const expected = (await ctx.store.collection<DocUpdate>("doc_updates").find({}, { sort: { _id: 1 } })).filter((u) => rooms.has(u.room)).map((u) => u._id);
    assert.equal(expected.length, 210);

    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (chunk: Buffer) => chunks.push(chunk));
    await writeArchive(ctx.store, ctx.config.dataDir, { kind: "programme", programme: mine }, out);
    await finished(out);
    const files = unzipSync(Buffer.concat(chunks));
    const lines = Buffer.from(files["data/doc_updates.ndjson"]!).toString("utf8").split("\n").filter(Boolean);
    assert.deepEqual(lines.map((line) => (decodeDoc(line) as DocUpdate)._id), expected);
  });
});
