// Theme rules without I/O: a theme's slug from its label, and which of an episode's themes its programme still has.
import type { Theme } from "./types.ts";
import { slugify } from "./slug.ts";

/** Each theme keeps the slug it was given (a renamed theme keeps its address and its episodes), else one from its label. */
export const normaliseThemes = (input: { slug?: string | undefined; label: string }[]): Theme[] =>
  input.map((t) => ({ slug: t.slug ?? slugify(t.label, "theme"), label: t.label }));

export const duplicateSlug = (themes: Theme[]): string | undefined =>
  themes.map((t) => t.slug).find((slug, i, all) => all.indexOf(slug) !== i);

/** An episode's themes as its programme defines them now, in the programme's order; removed ones are gone. */
export const themesOf = (programme: { themes: Theme[] }, episode: { themes: string[] }): Theme[] =>
  programme.themes.filter((t) => episode.themes.includes(t.slug));
