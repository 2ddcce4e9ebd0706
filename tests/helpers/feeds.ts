// Reading feeds in tests: a conforming XML 1.0 parser for well-formedness, and feedparser (one of the two feed parsers).
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import FeedParser from "feedparser";
import { SaxesParser } from "saxes";

/** Parses with saxes (well-formedness and XML 1.0 character ranges); throws on the first error, returns the element names met. */
export function xmlElements(xml: string, label: string): Set<string> {
  const names = new Set<string>();
  const parser = new SaxesParser();
  parser.on("error", (error) => {
    throw new Error(`${label} : XML mal formé — ${error.message}`);
  });
  parser.on("opentag", (tag) => names.add(tag.name));
  parser.write(xml).close();
  return names;
}

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
