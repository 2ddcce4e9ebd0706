// Finds markup that could run or load something: script-like elements, event handlers, script or data URLs.
import { createRequire } from "node:module";

type Handlers = { onopentag(name: string, attribs: Record<string, string>): void };
// sanitize-html's own parser, so the check reads markup the way the sanitiser does.
const { Parser } = createRequire(import.meta.url)("htmlparser2") as {
  Parser: new (handlers: Handlers) => { write(html: string): void; end(): void };
};

const ACTIVE = new Set(["script", "iframe", "object", "embed", "style", "form", "base", "meta", "link", "svg", "math", "template", "frame", "frameset"]);
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href", "poster", "srcset"]);

/** A whole HTML document (an e-mail) may carry its head's meta and style, and style attributes. */
const DOCUMENT_ONLY = new Set(["meta", "style"]);

/** Every unsafe element or attribute of `html`, as short labels (none: safe). */
export function unsafeMarkup(html: string, options: { document?: boolean } = {}): string[] {
  const found: string[] = [];
  const parser = new Parser({
    onopentag(name, attribs) {
      if (ACTIVE.has(name) && !(options.document && DOCUMENT_ONLY.has(name))) found.push(`<${name}>`);
      for (const [key, value] of Object.entries(attribs)) {
        // Browsers ignore control characters and spaces inside a URL scheme.
        const url = [...value].filter((c) => c.charCodeAt(0) > 0x20).join("");
        if (/^on/i.test(key) || key === "srcdoc" || (key === "style" && !options.document)) found.push(`${name}[${key}]`);
        else if (URL_ATTRIBUTES.has(key) && /^(javascript|vbscript|data):/i.test(url)) found.push(`${name}[${key}=${value.slice(0, 40)}]`);
      }
    },
  });
  parser.write(html);
  parser.end();
  return found;
}
