// Reads a feed with feedparser (strict), one of the two independent feed parsers the feed tests compare.
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import FeedParser from "feedparser";

export async function feedparse(xml: string): Promise<{ meta: FeedParser.Meta; items: FeedParser.Item[] }> {
  const parser = new FeedParser({ strict: true });
  const items: FeedParser.Item[] = [];
  let meta: FeedParser.Meta | undefined;
  parser.on("meta", (m) => {
    meta = m;
  });
  Readable.from([xml]).pipe(parser);
  for await (const item of parser) items.push(item);
  assert.ok(meta, "feedparser read the feed's metadata");
  return { meta, items };
}
