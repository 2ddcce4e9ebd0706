// French-aware slugs: "Que voudrait-on tester ?" → "que-voudrait-on-tester".
const LIGATURES: Record<string, string> = { œ: "oe", Œ: "oe", æ: "ae", Æ: "ae", ß: "ss" };

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX = 80;

/** A URL slug from a title: accents and ligatures folded, apostrophes and punctuation become hyphens. */
export function slugify(title: string, fallback = "episode"): string {
  const folded = title
    .replace(/[œŒæÆß]/g, (c) => LIGATURES[c] ?? c)
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const cut = folded.slice(0, SLUG_MAX).replace(/-+$/, "");
  return cut || fallback;
}

/** The candidates for a slug already taken: base, base-2, base-3… */
export function slugCandidate(base: string, attempt: number): string {
  if (attempt <= 1) return base;
  const suffix = `-${attempt}`;
  return `${base.slice(0, SLUG_MAX - suffix.length).replace(/-+$/, "")}${suffix}`;
}
