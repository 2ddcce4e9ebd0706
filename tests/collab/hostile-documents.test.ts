// Seeded fuzzing of bodies written through a real socket (into the store when the socket refuses them), then published: no 5xx, no unsafe markup in page, feeds or e-mail.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import Parser from "rss-parser";
import * as Y from "yjs";
import { episodeRoom, ROOT_NAME } from "../../collab/schema/nodes.ts";
import { collabAttachment } from "../../collab/server/index.ts";
import type { Episode } from "../../server/domain/types.ts";
import { mailQueueAttachment } from "../../server/attachments.ts";
import { episodePath, feedPath } from "../../server/pages/urls.ts";
import { sanitizeBodyHtml } from "../../server/services/render.ts";
import { api } from "../episodes/client.ts";
import { buildCast, buildEpisodeRecord, type Cast } from "../helpers/factories.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { unsafeMarkup } from "../render/markup.ts";
import { activeSubscriber } from "../subscriptions/seed.ts";
import { startSmtp, type TestSmtp } from "../subscriptions/smtp.ts";
import { connect, disconnectAll, stored } from "./helpers.ts";
import { ISSUE_BODIES, random, writeHostileBody } from "./hostileDocuments.ts";

const DOCUMENTS = Number(process.env.FUZZ_DOCUMENTS ?? 200);
const SEED = Number(process.env.SEED ?? Math.floor(Math.random() * 2 ** 31));

describe("collaboration: hostile bodies", () => {
  let server: TestServer;
  let smtp: TestSmtp;
  let cast: Cast;
  before(async () => {
    smtp = await startSmtp();
    server = await startTestServer({ env: { SMTP_URL: smtp.url }, attach: [mailQueueAttachment({ pollMs: 30, baseDelayMs: 20, maxDelayMs: 200 }), collabAttachment],
    });
    cast = await buildCast(server.ctx);
    await activeSubscriber(server.ctx, "lecteur@example.org", cast.programme._id);
  });
  after(async () => {
    await server?.close();
    await smtp?.close();
  });

  it(`publishes ${DOCUMENTS} fuzzed bodies written through a socket without a 5xx or unsafe markup`, { timeout: 30_000 + DOCUMENTS * 1_000 }, async (t) => {
    t.diagnostic(`SEED=${SEED} FUZZ_DOCUMENTS=${DOCUMENTS}`);
    const r = random(SEED);
    const http = api(server);
    const feeds = (["atom", "rss"] as const).flatMap((format) => [feedPath(format), feedPath(format, cast.programme.slug)]);
    const statuses = new Map<number, number>();
    const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const unsafe: string[] = [];
    const tally = { documents: 0, refusedAtSocket: 0, published: 0, requests: 0 };
    const get = async (path: string) => {
      const res = await fetch(server.url + path);
      tally.requests += 1;
      count(res.status);
      return { status: res.status, body: await res.text() };
    };

    for (let i = 0; i < DOCUMENTS; i++) {
      const episode: Episode = await buildEpisodeRecord(server.ctx, cast.programme._id);
      const room = episodeRoom(episode._id);
      const client = connect(server.url, room, cast.cookies.editor, server.origin);
      let closed = false;
      client.provider.on("connection-close", () => {
        closed = true;
      });
      try {
        await client.synced;
        const root = client.doc.get(ROOT_NAME, Y.XmlText);
        if (i < ISSUE_BODIES.length) client.doc.transact(() => ISSUE_BODIES[i]!(root));
        else writeHostileBody(root, r);
        tally.documents += 1;
        if (!(await stored(server, client, room, () => closed))) {
          tally.refusedAtSocket += 1;
          // Readers must still hold against what an older server stored: the refused body goes in through the store.
          const body = Y.encodeStateAsUpdate(client.doc);
          await server.ctx.services.documentChanges.change(room, (doc) => Y.applyUpdate(doc, body));
        }
      } finally {
        disconnectAll([client]);
      }

      const published = await http.post(`/episodes/${episode._id}/publish`, cast.cookies.editor);
      tally.requests += 1;
      count(published.status);
      assert.equal(published.status, 200, `document ${i} (SEED=${SEED}) publishes: ${JSON.stringify(published.body)}`);
      tally.published += 1;
      const revision = (await server.ctx.repos.revisions.latest(episode._id))!;
      assert.equal(sanitizeBodyHtml(revision.html), revision.html, `document ${i}: the stored HTML is within the allowlist`);
      unsafe.push(...unsafeMarkup(revision.html).map((u) => `revision ${i}: ${u}`));

      const page = await get(episodePath(cast.programme.slug, published.body.episode.number, episode.slug));
      assert.equal(page.status, 200, `document ${i}: the page answers`);
      assert.ok(page.body.includes(revision.html), `document ${i}: the page shows the sanitised body`);
      // Feeds list the latest 50 entries: reading them every 25 documents and after the last covers every one.
      if (i % 25 !== 24 && i !== DOCUMENTS - 1) continue;
      for (const path of feeds) {
        const feed = await get(path);
        assert.equal(feed.status, 200, `document ${i}: ${path} answers`);
        const items = (await new Parser().parseString(feed.body)).items;
        for (const item of items) unsafe.push(...unsafeMarkup(item.content ?? "").map((u) => `${path} after ${i}: ${u}`));
      }
    }

    await smtp.waitFor(tally.published);
    for (const mail of smtp.received) unsafe.push(...unsafeMarkup(mail.html, { document: true }).map((u) => `mail ${mail.subject}: ${u}`));
    const fivexx = [...statuses].filter(([s]) => s >= 500).reduce((sum, [, n]) => sum + n, 0);
    t.diagnostic(`tally ${JSON.stringify({ ...tally, mails: smtp.received.length, statuses: Object.fromEntries(statuses), fivexx, unsafe: unsafe.length })}`);
    assert.equal(fivexx, 0, "no response was a 5xx");
    assert.deepEqual(unsafe, [], "no unsafe markup in revisions, feeds or e-mail");
    assert.equal(smtp.received.length, tally.published, "every first publication was announced");
  });
});
