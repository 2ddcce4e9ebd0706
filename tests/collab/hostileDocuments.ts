// A seeded, structure-aware generator of hostile bodies: random Lexical nodes written as a raw Yjs client could.
import * as Y from "yjs";

/** A seeded generator (mulberry32): the same seed writes the same documents. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(items: readonly T[]): T => items[int(items.length)]! };
}
type Random = ReturnType<typeof random>;

const ELEMENTS = ["paragraph", "heading", "quote", "list", "listitem", "link"] as const;
const LEAVES = ["text", "linebreak", "tab"] as const;
const DECORATORS = ["image", "horizontalrule"] as const;
const ALIENS = ["script", "root", "artificial", "", "iframe", "__proto__"] as const;
const TEXTS = [
  "Du terrain\u00a0: « oui »",
  '<script>window.__xss=1</script>"><img src=x onerror=alert(1)>',
  "]]>]]><x:y/>",
  "nul\u0000 bell\u0007 del\u007f c1\u0085",
  "bidi \u202e\u2066 demi \ud800",
  "&amp; &lt;b&gt; javascript:alert(1)",
];
const URLS = ["https://exemple.fr/a?b=1&c=2", "javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,<script>1</script>", "mailto:a@b.fr", "//evil.example", "http://[::1"];
const SRCS = ["/media/a.jpg", "https://img.example/a.png", "/media/../secret", "javascript:alert(1)", "data:image/svg+xml,<svg onload=alert(1)>", "x onerror=alert(1)"];
/** Values of the wrong type for any property. */
const ILL_TYPED = (r: Random): unknown =>
  r.pick<() => unknown>([
    () => 42,
    () => -1,
    () => 1e300,
    () => Number.NaN,
    () => Number.POSITIVE_INFINITY,
    () => true,
    () => null,
    () => ({ src: "/media/a.jpg", toString: "x" }),
    () => ["https://exemple.fr"],
    () => "<script>alert(1)</script>",
    () => "x".repeat(10_000),
    () => new Y.Map([["__type", "text"]]),
  ])();

/** Properties a node type syncs, with values right for it (before the fuzzer spoils some). */
function properties(type: string, r: Random): Record<string, unknown> {
  const common = { __format: r.int(4), __indent: r.int(3), __dir: r.pick(["ltr", "rtl", null]) };
  switch (type) {
    case "heading":
      return { ...common, __tag: r.pick(["h1", "h2", "h3", "h6", "script", "a b"]) };
    case "list":
      return { ...common, __listType: r.pick(["bullet", "number", "check", "<ol>"]), __tag: r.pick(["ul", "ol"]), __start: r.int(5) };
    case "listitem":
      return { ...common, __value: r.int(5) };
    case "link":
      return { ...common, __url: r.pick(URLS), __target: r.pick([null, "_blank"]), __rel: null, __title: r.pick([null, "titre"]) };
    case "text":
    case "tab":
      return { __format: r.int(64), __style: r.pick(["", "color:red", "background:url(javascript:alert(1))"]), __mode: r.int(3), __detail: r.int(3) };
    case "image":
      return { __src: r.pick(SRCS), __alt: r.pick(TEXTS), __width: r.pick([null, 800, "800", -5]), __height: null };
    default:
      return {};
  }
}

/** The properties of a node: mostly right, sometimes ill-typed, sometimes with fields no node has. */
function spoiled(type: unknown, r: Random): [string, unknown][] {
  const entries: [string, unknown][] = [["__type", type], ...Object.entries(properties(String(type), r))];
  for (const entry of entries) if (entry[0] !== "__type" && r.next() < 0.15) entry[1] = ILL_TYPED(r);
  if (r.next() < 0.1) entries.push([r.pick(["__parent", "__key", "__state", "__slots", "onclick", "__text", "__proto__"]), ILL_TYPED(r)]);
  if (r.next() < 0.03) entries[0]![1] = ILL_TYPED(r);
  return entries;
}

/** Appends one random node (and, for elements, its children) to `parent`; `budget` bounds the node count. */
function grow(parent: Y.XmlText, depth: number, r: Random, budget: { nodes: number }): void {
  budget.nodes -= 1;
  const roll = r.next();
  const type: unknown =
    roll < 0.45 ? r.pick(ELEMENTS) : roll < 0.75 ? r.pick(LEAVES) : roll < 0.88 ? r.pick(DECORATORS) : r.pick(ALIENS);
  // Mostly the holder the type calls for; sometimes another, or a bare string or JSON embed.
  const holder = r.next() < 0.9 ? (ELEMENTS.includes(type as never) ? "element" : LEAVES.includes(type as never) ? "leaf" : "decorator") : r.pick(["element", "leaf", "decorator", "string", "json"]);
  const attrs = spoiled(type, r);
  if (holder === "string") parent.insert(parent.length, r.pick(TEXTS));
  else if (holder === "json") parent.insertEmbed(parent.length, { __type: "paragraph" });
  else if (holder === "leaf") {
    parent.insertEmbed(parent.length, new Y.Map(attrs));
    if (r.next() < 0.9) parent.insert(parent.length, r.pick(TEXTS));
  } else if (holder === "decorator") {
    const node = new Y.XmlElement(r.pick(["UNDEFINED", "img", "script"]));
    parent.insertEmbed(parent.length, node);
    for (const [k, v] of attrs) node.setAttribute(k, v as string);
  } else {
    const node = new Y.XmlText();
    parent.insertEmbed(parent.length, node);
    for (const [k, v] of attrs) node.setAttribute(k, v as string);
    const children = depth > 6 ? 0 : r.int(4);
    for (let i = 0; i < children && budget.nodes > 0; i++) grow(node, depth + 1, r, budget);
  }
}

/** `levels` elements each inside the previous one, at the end of `parent`. */
export function nest(parent: Y.XmlText, levels: number, type = "quote"): void {
  let at = parent;
  for (let i = 0; i < levels; i++) {
    const child = new Y.XmlText();
    at.insertEmbed(at.length, child);
    child.setAttribute("__type", type);
    at = child;
  }
}

/** Writes one random hostile body into `root` (a client's shared body), in one transaction. */
export function writeHostileBody(root: Y.XmlText, r: Random): void {
  root.doc!.transact(() => {
    const budget = { nodes: 60 };
    while (budget.nodes > 0 && r.next() < 0.9) grow(root, 0, r, budget);
    if (r.next() < 0.05) nest(root, 500 + r.int(4500), r.pick(["quote", "paragraph", "list", "listitem", "link"]));
  });
}

/** The bodies of the issue, written first in every run: a link whose target is a number, an image whose source is an object, 5,000 levels, an unknown node. */
export const ISSUE_BODIES: ((root: Y.XmlText) => void)[] = [
  (root) => {
    const paragraph = new Y.XmlText();
    root.insertEmbed(root.length, paragraph);
    paragraph.setAttribute("__type", "paragraph");
    const link = new Y.XmlText();
    paragraph.insertEmbed(0, link);
    link.setAttribute("__type", "link");
    link.setAttribute("__url", 42 as never);
    link.insertEmbed(0, new Y.Map([["__type", "text"]]));
    link.insert(1, "lien");
  },
  (root) => {
    const image = new Y.XmlElement();
    root.insertEmbed(root.length, image);
    image.setAttribute("__type", "image");
    image.setAttribute("__src", { src: "/media/a.jpg" } as never);
  },
  (root) => nest(root, 5000),
  (root) => {
    const alien = new Y.XmlText();
    root.insertEmbed(root.length, alien);
    alien.setAttribute("__type", "script");
    alien.insert(0, "alert(1)");
  },
];
