// Hostile comments rendered in a real Chromium: nothing executes, and the section holds only allowlisted markup.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { COMMENT_MAX_CHARS } from "../../server/domain/comments.ts";
import type { Episode } from "../../server/domain/types.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { type CommentWorld, commentWorld } from "./setup.ts";
import { text } from "../../server/http/validate.ts";

const FIXTURE = path.join(import.meta.dirname, "fixtures/hostile-strings.txt");
/** What the comment form refuses outright (controls other than tab and line breaks, direction overrides). */
const refusedText = (body: string) => !text({ newlines: true }).safeParse(body).success;

function hostileStrings(): string[] {
  const lines = fs
    .readFileSync(FIXTURE, "utf8")
    .split("\n")
    .filter((l) => l.length > 0 && !l.startsWith("# "))
    .map((l) => l.replaceAll("\u2424", "\n"));
  // Strings a text file cannot carry well: controls, lone surrogates, the longest allowed body.
  const unit = "<script>window.__xss=1</script><img src=x onerror=alert(1)>";
  lines.push(
    "nul\u0000<script>window.__xss=1</script>",
    "\u0007\u001b[31mrouge\u001b[0m\u007f\u0085",
    "demi \ud800 surrogate \udfff seul",
    unit.repeat(Math.ceil(COMMENT_MAX_CHARS / unit.length)).slice(0, COMMENT_MAX_CHARS),
    `https://exemple.fr/${"a".repeat(COMMENT_MAX_CHARS - 40)}`,
  );
  return lines;
}

// Set in the page before anything else runs: every way a payload could announce itself.
const TRAP = () => {
  const hits: string[] = [];
  Object.defineProperty(window, "__trapHits", { value: hits });
  const hit = (what: string) => () => {
    hits.push(what);
  };
  window.alert = hit("alert");
  window.confirm = () => {
    hits.push("confirm");
    return false;
  };
  window.prompt = () => {
    hits.push("prompt");
    return null;
  };
  window.print = hit("print");
  Object.defineProperty(window, "__xss", { set: () => hits.push("__xss"), get: () => undefined, configurable: false });
  Object.defineProperty(window, "polluted", { set: () => hits.push("polluted"), get: () => undefined });
  window.addEventListener("error", (e) => hits.push(`error: ${e.message || (e.target as Element)?.tagName}`), true);
  document.addEventListener("securitypolicyviolation", (e) => hits.push(`csp: ${e.violatedDirective}`));
};

type Audit = { hits: string[]; violations: string[]; bodies: number; sectionFound: boolean };

// Runs in the page: the allowlist of the comments section, and of each comment body within it.
const AUDIT = (): Audit => {
  const violations: string[] = [];
  const section = document.querySelector("section#commentaires");
  const sectionTags: Record<string, string[]> = {
    SECTION: ["class", "id", "aria-labelledby"],
    H2: ["id"],
    H3: ["id"],
    OL: ["class"],
    LI: ["class", "id"],
    ARTICLE: ["aria-labelledby"],
    HEADER: ["class"],
    SPAN: ["class", "id"],
    A: ["class", "href"],
    TIME: ["datetime"],
    DIV: ["class", "id"],
    P: ["class", "role"],
    DETAILS: ["class", "open"],
    SUMMARY: [],
    FORM: ["class", "method", "action"],
    INPUT: ["type", "name", "value"],
    LABEL: ["for"],
    TEXTAREA: ["id", "name", "rows", "maxlength", "required"],
    BUTTON: ["type"],
  };
  const bodyTags: Record<string, string[]> = { P: [], BR: [], A: ["href", "rel"] };
  const describe = (el: Element) => `${el.tagName.toLowerCase()} ${el.outerHTML.slice(0, 120)}`;
  if (section) {
    for (const el of [section, ...section.querySelectorAll("*")]) {
      const inBody = el.closest(".comment-body") !== null && !el.classList.contains("comment-body");
      const allowed = inBody ? bodyTags[el.tagName] : sectionTags[el.tagName];
      if (!allowed) {
        violations.push(`element: ${describe(el)}`);
        continue;
      }
      for (const attr of el.getAttributeNames())
        if (!allowed.includes(attr)) violations.push(`attribute ${attr}: ${describe(el)}`);
      if (inBody && el.tagName === "A") {
        const a = el as HTMLAnchorElement;
        if (!/^https?:$/.test(a.protocol)) violations.push(`link protocol ${a.protocol}: ${describe(el)}`);
        if (a.getAttribute("rel") !== "ugc nofollow noopener noreferrer") violations.push(`rel: ${describe(el)}`);
      }
    }
  }
  // Whatever escaped the section would show here: handlers or scripts anywhere in the document.
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.getAttributeNames()) if (attr.startsWith("on")) violations.push(`handler ${attr}: ${describe(el)}`);
    if (["SCRIPT", "IFRAME", "OBJECT", "EMBED", "BASE", "META"].includes(el.tagName) && el.closest("body"))
      violations.push(`in body: ${describe(el)}`);
  }
  return {
    hits: [...((window as unknown as { __trapHits: string[] }).__trapHits ?? ["trap missing"])],
    violations,
    bodies: document.querySelectorAll("section#commentaires .comment-body").length,
    sectionFound: section !== null,
  };
};

describe("hostile comments in a real browser", () => {
  let w: CommentWorld;
  let browser: Browser;
  let episode: Episode;
  let posted = 0;
  const strings = hostileStrings();

  before(async () => {
    w = await commentWorld({ realOrigin: true });
    browser = await launchBrowser();
    episode = await w.newEpisode({ title: "<script>window.__xss=1</script> titre" });
  });
  after(async () => {
    await browser?.close();
    await w?.server.close();
  });

  it("bundles at least 500 hostile strings", () => {
    assert.ok(strings.length >= 500, `${strings.length}`);
  });

  it("accepts each one as a comment and as a reply, or refuses its control characters with a clear 400", async () => {
    for (const body of strings) {
      if (refusedText(body)) {
        const refused = await w.api("POST", `/api/episodes/${episode._id}/comments`, { as: "partner", body: { body } });
        assert.equal(refused.status, 400, JSON.stringify(body).slice(0, 80));
        assert.equal(refused.json.error?.code, "invalid_input");
        continue;
      }
      const top = await w.api("POST", `/api/episodes/${episode._id}/comments`, { as: "partner", body: { body } });
      assert.equal(top.status, 201, `${JSON.stringify(body).slice(0, 80)} → ${JSON.stringify(top.json)}`);
      const reply = await w.api("POST", `/api/episodes/${episode._id}/comments`, {
        as: "editor",
        body: { body, parentId: top.json.id },
      });
      assert.equal(reply.status, 201, `reply to ${JSON.stringify(body).slice(0, 80)}`);
      posted += 2;
    }
  });

  for (const who of ["anonymous", "partner", "lead"] as const) {
    it(`renders the episode page for ${who} with 0 executions and 0 elements or attributes outside the allowlist`, async () => {
      assert.ok(posted > 1000);
      // Without the CSP, so that the trap sees any payload that reached the DOM as live code.
      const context = await browser.newContext({ bypassCSP: true, javaScriptEnabled: true });
      try {
        if (who !== "anonymous") {
          const [name, value] = w.cast.cookies[who].split("=") as [string, string];
          await context.addCookies([{ name, value, url: w.server.url }]);
        }
        const page = await context.newPage();
        const foreign: string[] = [];
        page.on("request", (r) => {
          if (!r.url().startsWith(w.server.url)) foreign.push(r.url());
        });
        page.on("dialog", (d) => {
          foreign.push(`dialog ${d.type()}`);
          void d.dismiss();
        });
        // tsx compiles the in-page functions below with calls to its `__name` helper, which the page lacks.
        await page.addInitScript("globalThis.__name = (f) => f;");
        await page.addInitScript(TRAP);
        const url = `${w.server.url}/carnets/${w.cast.programme.slug}/${episode.number}-${episode.slug}`;
        const response = await page.goto(url, { waitUntil: "networkidle" });
        assert.equal(response?.status(), 200);
        // Focus, hover and open everything a payload might hang on.
        await page.evaluate(() => {
          for (const d of document.querySelectorAll("details")) d.open = true;
        });
        await page.keyboard.press("Tab");
        await page.mouse.move(200, 300);
        const audit = await page.evaluate(AUDIT);
        assert.ok(audit.sectionFound, "no comments section");
        assert.deepEqual(audit.hits, [], "payload executed");
        assert.deepEqual(audit.violations.slice(0, 20), [], `${audit.violations.length} violations`);
        assert.deepEqual(foreign, [], "requests outside the site");
        assert.equal(audit.bodies, posted, "every comment rendered, none swallowed by another");
      } finally {
        await context.close();
      }
    });
  }

  it("gives back the exact text as plain text in the API", async () => {
    const list = await w.api("GET", `/api/episodes/${episode._id}/comments`);
    const bodies = (list.json.comments as { body: string }[]).map((c) => c.body);
    for (const s of strings.slice(0, 400).filter((s) => !refusedText(s))) assert.ok(bodies.includes(s.trim()), JSON.stringify(s));
  });
});
