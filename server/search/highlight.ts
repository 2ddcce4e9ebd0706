// The matching passage of a search hit, escaped, with the query's words in <mark>.
import { escapeHtml, raw, type SafeHtml } from "../pages/html.ts";
import { queryTerms, tokens } from "./terms.ts";

const BEFORE = 80;
const LENGTH = 260;

/** Escapes `text` and marks every word whose term is one of the query's. */
export function marked(text: string, terms: ReadonlySet<string>): SafeHtml {
  let out = "";
  let at = 0;
  for (const token of tokens(text)) {
    if (!terms.has(token.term)) continue;
    out += `${escapeHtml(text.slice(at, token.start))}<mark>${escapeHtml(text.slice(token.start, token.end))}</mark>`;
    at = token.end;
  }
  return raw(out + escapeHtml(text.slice(at)));
}

/** A window of about LENGTH characters around the first match in `text`, cut at spaces; null when nothing matches. */
function window(text: string, terms: ReadonlySet<string>): string | null {
  const first = tokens(text).find((t) => terms.has(t.term));
  if (!first) return null;
  let start = Math.max(0, first.start - BEFORE);
  if (start > 0) start = text.indexOf(" ", start) + 1 || first.start;
  let end = Math.min(text.length, start + LENGTH);
  if (end < text.length) end = text.lastIndexOf(" ", end) > first.end ? text.lastIndexOf(" ", end) : end;
  return `${start > 0 ? "… " : ""}${text.slice(start, end).trim()}${end < text.length ? " …" : ""}`;
}

/** The beginning of a text, for a result matched on its title or programme only. */
const opening = (text: string) => (text.length <= LENGTH ? text : `${text.slice(0, text.lastIndexOf(" ", LENGTH) + 1 || LENGTH).trim()} …`);

/** The title and the passage to show: the first passage that matches, else the opening of the first non-empty one. */
export function highlight(query: string, fields: { title: string; passages: string[] }): { title: SafeHtml; passage: SafeHtml } {
  const terms = new Set(queryTerms(query));
  const found = fields.passages.map((p) => window(p, terms)).find((w) => w !== null);
  return {
    title: marked(fields.title, terms),
    passage: marked(found ?? opening(fields.passages.find((p) => p.trim()) ?? ""), terms),
  };
}
