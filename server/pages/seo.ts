// Tags for search engines and sharing: feed autodiscovery, OpenGraph, Twitter card, schema.org JSON-LD.
import { html, raw, type SafeHtml } from "./html.ts";
import { FEED_TYPES, type FeedFormat, feedPath } from "./urls.ts";

/** JSON for a <script type="application/ld+json"> block: "<", ">" and "&" escaped so no tag can close it. */
export function jsonLd(data: unknown): SafeHtml {
  const json = JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return raw(`<script type="application/ld+json">${json}</script>`);
}

export function feedLinks(title: string, programmeSlug?: string, themeSlug?: string): SafeHtml {
  const formats: FeedFormat[] = ["atom", "rss", "json"];
  return html`${formats.map(
    (f) => html`<link rel="alternate" type="${FEED_TYPES[f]}" title="${title} (${f.toUpperCase()})" href="${feedPath(f, programmeSlug, themeSlug)}">
`,
  )}`;
}

export type Sharing = {
  type: "website" | "article";
  title: string;
  description: string;
  url: string;
  siteName: string;
  publishedAt?: Date;
  modifiedAt?: Date;
};

export function sharingTags(s: Sharing): SafeHtml {
  return html`<meta property="og:type" content="${s.type}">
<meta property="og:title" content="${s.title}">
<meta property="og:description" content="${s.description}">
<meta property="og:url" content="${s.url}">
<meta property="og:site_name" content="${s.siteName}">
<meta property="og:locale" content="fr_FR">
${s.publishedAt ? html`<meta property="article:published_time" content="${s.publishedAt.toISOString()}">\n` : ""}${
    s.modifiedAt ? html`<meta property="article:modified_time" content="${s.modifiedAt.toISOString()}">\n` : ""
  }<meta name="twitter:card" content="summary">
<meta name="twitter:title" content="${s.title}">
<meta name="twitter:description" content="${s.description}">
`;
}

/** A short description for meta tags: the first sentence-ish 200 characters. */
export function shorten(text: string, max = 200): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 0 ? cut.lastIndexOf(" ") : cut.length)}…`;
}
