// Looks up UI text in the catalogue of a language, with {name} placeholders.
import { en } from "./en.ts";
import { fr, type MessageKey } from "./fr.ts";

export type Lang = "fr" | "en";
export type { MessageKey };

const catalogues: Record<Lang, Record<MessageKey, string>> = { fr, en };

export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalogues[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
