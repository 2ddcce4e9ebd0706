// Builds a journal's feeds (Atom 1.0, RSS 2.0, JSON Feed 1.1) from published revisions, with the `feed` library.
import { Feed, type Item } from "feed";
import { t } from "../../i18n/index.ts";
import type { Programme } from "../domain/types.ts";
import type { Built } from "./cache.ts";
import { themesOf } from "../domain/themes.ts";
import { episodeTitle } from "./format.ts";
import type { Credit, JournalReader, PublicEpisode } from "./journal.ts";
import { absolute, type FeedFormat, episodePath, feedPath, programmePath, themePath } from "./urls.ts";

const LIMIT = 50;

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  atom: "application/atom+xml; charset=utf-8",
  rss: "application/rss+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
};

type Site = { instanceName: string; publicUrl: string };
type Entry = { item: PublicEpisode; programme: Programme; authors: Credit[] };

/** A stable id that survives slug and title changes: a tag: URI (RFC 4151) on the episode's record id. */
export function episodeTagId(publicUrl: string, entry: PublicEpisode): string {
  const day = entry.publishedAt.toISOString().slice(0, 10);
  return `tag:${new URL(publicUrl).hostname},${day}:episode/${entry.episode._id}`;
}

/** Feed readers resolve nothing: root-relative links and images in stored HTML become absolute. */
const absolutise = (publicUrl: string, body: string) =>
  body.replace(/\b(href|src)="\/(?!\/)/g, (_, attr: string) => `${attr}="${publicUrl}/`);

/** Plain text as HTML text: only what HTML needs, so lax readers that skip decoding show little noise. */
const escapeText = (text: string) => text.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!);

// A CDATA section cannot hold "]]>"; sanitised HTML escapes ">" in text, but attributes may not.
const cdataSafe = (text: string) => text.replaceAll("]]>", "]]&gt;");

/** Without the characters XML 1.0 cannot carry (NUL, C0 controls, lone surrogates, U+FFFE/U+FFFF), which documents may hold. */
const xmlChars = (text: string) => text.replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, "");

// The library escapes "&" and '"' in attributes but not "<", which XML forbids there: a look-alike keeps the label readable.
const attributeText = (text: string) => text.replaceAll("<", "\uff1c");

/** `themeSlug`: only the programme's episodes of that theme. */
export async function renderFeed(
  reader: JournalReader,
  site: Site,
  format: FeedFormat,
  programmeSlug?: string,
  themeSlug?: string,
): Promise<Built> {
  let programme: Programme | null = null;
  let entries: Entry[];
  const theme = () => programme?.themes.find((t) => t.slug === themeSlug);
  if (programmeSlug) {
    programme = await reader.programme(programmeSlug);
    if (!programme || (themeSlug !== undefined && !theme())) return { kind: "missing" };
    const all = await reader.episodes(programme._id);
    const list = (themeSlug === undefined ? all : all.filter((e) => e.episode.themes.includes(themeSlug))).slice(0, LIMIT);
    const p = programme;
    entries = await Promise.all(list.map(async (item) => ({ item, programme: p, authors: await reader.credits(item.revision.authorIds, item.revision.authorNames) })));
  } else {
    const list = await reader.latest(LIMIT);
    const found = await Promise.all(list.map(async (item) => ({ item, programme: await reader.programmeById(item.episode.programmeId) })));
    entries = await Promise.all(
      found
        .filter((f): f is { item: PublicEpisode; programme: Programme } => f.programme !== null)
        .map(async (f) => ({ ...f, authors: await reader.credits(f.item.revision.authorIds, f.item.revision.authorNames) })),
    );
  }

  const home = absolute(site.publicUrl, programme ? (themeSlug ? themePath(programme.slug, themeSlug) : programmePath(programme.slug)) : "/");
  const dates = [...(programme ? [programme.updatedAt] : []), ...entries.map((e) => e.item.revision.publishedAt)];
  const updated = dates.length ? new Date(Math.max(...dates.map((d) => d.getTime()))) : new Date(0);
  const feed = new Feed({
    id: home,
    title: xmlChars(
      programme
        ? theme()
          ? t("fr", "public.theme.feedTitle", { programme: programme.title, theme: theme()!.label })
          : programme.title
        : t("fr", "public.feed.allTitle", { instance: site.instanceName }),
    ),
    description: xmlChars(programme ? programme.tagline : t("fr", "public.feed.allDescription")),
    link: home,
    language: "fr",
    updated,
    generator: "Carnet",
    copyright: xmlChars(programme ? programme.licence : site.instanceName),
    feedLinks: {
      atom: absolute(site.publicUrl, feedPath("atom", programme?.slug, themeSlug)),
      rss: absolute(site.publicUrl, feedPath("rss", programme?.slug, themeSlug)),
      json: absolute(site.publicUrl, feedPath("json", programme?.slug, themeSlug)),
    },
  });
  for (const { item, programme: p, authors } of entries) {
    const title = xmlChars(episodeTitle(item.number, item.title));
    const summary = xmlChars(item.summary);
    const entry: Item = {
      // Atom declares its titles as HTML and RSS readers take them so: escaped, "<" or "&" stays text and no "]]>"
      // can end the library's CDATA section early.
      title: format === "json" ? title : escapeText(title),
      id: episodeTagId(site.publicUrl, item),
      link: absolute(site.publicUrl, episodePath(p.slug, item.number, item.slug)),
      date: item.updatedAt ?? item.publishedAt,
      published: item.publishedAt,
      // Atom and RSS readers take descriptions as HTML; JSON Feed's summary is plain text.
      description: format === "json" ? summary : escapeText(summary),
      content: cdataSafe(absolutise(site.publicUrl, xmlChars(item.revision.html))),
      // The programme, then the episode's themes (term: the theme's slug).
      category: [{ name: p.title, term: p.slug }, ...themesOf(p, item.episode).map((th) => ({ name: th.label, term: th.slug }))].map((c) => ({
        name: format === "atom" ? attributeText(xmlChars(c.name)) : xmlChars(c.name),
        term: c.term,
      })),
      // RSS 2.0's <author> must be an e-mail address, which readers never see here.
      ...(format === "rss" || authors.length === 0 ? {} : { author: authors.map((a) => ({ name: xmlChars(a.name) })) }),
    };
    if (!summary) delete entry.description;
    feed.addItem(entry);
  }
  return { kind: "page", type: FEED_CONTENT_TYPES[format], body: serialise(feed, format, entries), lastModified: updated };
}

function serialise(feed: Feed, format: FeedFormat, entries: Entry[]): string {
  if (format === "atom") return feed.atom1();
  if (format === "rss") return feed.rss2();
  // The library writes JSON Feed 1.0; 1.1 adds `language` and lists every author in `authors`.
  const json = JSON.parse(feed.json1()) as Record<string, unknown> & { items: Record<string, unknown>[] };
  json.version = "https://jsonfeed.org/version/1.1";
  json.language = "fr";
  json.items.forEach((it, i) => {
    delete it.author;
    const authors = entries[i]!.authors;
    if (authors.length) it.authors = authors.map((a) => ({ name: xmlChars(a.name) }));
  });
  return JSON.stringify(json, null, 2);
}
