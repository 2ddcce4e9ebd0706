// Formats dates, periods, counts and reading times for the public pages, in French by default.
import { type Lang, t } from "../../i18n/index.ts";
import type { ProgrammeStatus, TerritoryKind } from "../domain/types.ts";

const TIME_ZONE = "Europe/Paris";
const locale = (lang: Lang) => (lang === "fr" ? "fr-FR" : "en-GB");

export function formatDate(date: Date, lang: Lang = "fr"): string {
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: "long", timeZone: TIME_ZONE }).format(date);
}

/** "2024-03" → "mars 2024". */
export function formatMonth(month: string, lang: Lang = "fr"): string {
  const [year, m] = month.split("-").map(Number);
  if (!year || !m) return month;
  return new Intl.DateTimeFormat(locale(lang), { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, m - 1, 1)),
  );
}

export function formatPeriod(period: { start: string; end: string | null }, lang: Lang = "fr"): string {
  const start = formatMonth(period.start, lang);
  return period.end
    ? t(lang, "public.period.range", { start, end: formatMonth(period.end, lang) })
    : t(lang, "public.period.from", { start });
}

export const statusLabel = (status: ProgrammeStatus, lang: Lang = "fr") => t(lang, `public.status.${status}`);
export const kindLabel = (kind: TerritoryKind, lang: Lang = "fr") => t(lang, `public.kind.${kind}`);

/** "12 mars 2024 à 14:05", for comments. */
export function formatDateTime(date: Date, lang: Lang = "fr"): string {
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: "long", timeStyle: "short", timeZone: TIME_ZONE }).format(date);
}

const COUNT_KEYS = {
  partner: ["public.count.partner", "public.count.partners"],
  episode: ["public.count.episode", "public.count.episodes"],
  comment: ["comments.count.one", "comments.count.many"],
} as const;

export function countLabel(kind: keyof typeof COUNT_KEYS, count: number, lang: Lang = "fr"): string {
  const [one, many] = COUNT_KEYS[kind];
  return count === 1 ? t(lang, one) : t(lang, many, { count });
}

export const episodeTitle = (number: number, title: string, lang: Lang = "fr") =>
  t(lang, "public.episode.title", { number, title });

/** Visible text of stored HTML, for word counts and plain descriptions. */
export function textOf(storedHtml: string): string {
  return storedHtml
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e]!)
    .replace(/\s+/g, " ")
    .trim();
}

/** Minutes at 200 words a minute, never less than one. */
export function readingMinutes(storedHtml: string): number {
  const words = textOf(storedHtml).split(" ").filter(Boolean).length;
  return Math.max(1, Math.ceil(words / 200));
}
