// Tagged template for server-rendered HTML: interpolations are escaped unless marked safe.
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Marks already-sanitised HTML (stored revisions, nested templates) as safe to insert. */
export const raw = (value: string): SafeHtml => new SafeHtml(value);

type Value = string | number | SafeHtml | null | undefined | false | Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/** Catalogue text as HTML: the text is escaped and each `{name}` takes its value (escaped unless already safe). */
export function fill(text: string, params: Record<string, Value>): SafeHtml {
  const parts = text.split(/\{(\w+)\}/);
  return new SafeHtml(parts.map((part, i) => (i % 2 ? render(params[part] ?? `{${part}}`) : escapeHtml(part))).join(""));
}
