// In Chromium: public pages (comments and subscription pages included) pass axe-core with no violation and request only their own origin.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import AxeBuilder from "@axe-core/playwright";
import type { Browser } from "playwright-core";
import { buildMembership, buildProgramme, buildPublishedEpisode, buildTerritory, buildUser, sessionCookieFor } from "../helpers/factories.ts";
import { launchBrowser, recordRequests } from "../helpers/browser.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

let server: TestServer;
let browser: Browser;
let episodePath = "";
const cookies: { partner?: string; lead?: string } = {};

before(async () => {
  server = await startTestServer({ realOrigin: true });
  browser = await launchBrowser();
  const ctx = server.ctx;
  const territory = await buildTerritory(ctx, { name: "Département de la Gironde", kind: "departement" });
  const author = await buildUser(ctx, { name: "Inès Autrice", affiliation: { kind: "territory", territoryId: territory._id } });
  const programme = await buildProgramme(ctx, {
    slug: "sobriete",
    title: "Sobriété foncière",
    tagline: "Construire sans artificialiser",
    territoryIds: [territory._id],
    funders: ["Fondation exemple"],
    resources: [{ label: "Synthèse", url: "https://example.org/synthese.pdf" }],
    contactEmail: "equipe@example.org",
  });
  await buildProgramme(ctx, { slug: "prepa", title: "Un programme en préparation", status: "preparing" });
  await buildPublishedEpisode(ctx, programme._id, { title: "Le terrain", slug: "le-terrain", summary: "Premier épisode.", authorIds: [author._id] });
  const { episode } = await buildPublishedEpisode(ctx, programme._id, {
    title: "En route vers les tests",
    slug: "en-route",
    summary: "Où l'on teste.",
    authorIds: [author._id],
    html: '<h2>Ce que nous avons vu</h2><p>Un paragraphe avec <a href="https://example.org/">un lien externe</a>.</p><ul><li>un</li><li>deux</li></ul><h3>Détail</h3><blockquote><p>Une citation.</p></blockquote>',
  });
  await buildPublishedEpisode(ctx, programme._id, { title: "Troisième", slug: "troisieme", authorIds: [author._id] });
  episodePath = `/carnets/sobriete/${episode.number}-en-route`;

  // A thread with a territory badge, a reply, an edited comment and one hidden by moderation.
  const lead = await buildUser(ctx, { name: "Léa Responsable" });
  await buildMembership(ctx, author._id, programme._id, "partner");
  await buildMembership(ctx, lead._id, programme._id, "lead");
  cookies.partner = await sessionCookieFor(ctx, author._id);
  cookies.lead = await sessionCookieFor(ctx, lead._id);
  ctx.services.comments.options.limits = { minIntervalMs: 0, perHour: 1_000_000, duplicateWindowMs: 0 };
  const call = async (cookie: string, method: string, path: string, body: unknown) => {
    const res = await fetch(server.url + path, {
      method,
      headers: { Origin: server.origin, Cookie: cookie, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    assert.ok(res.ok, `${method} ${path}: ${res.status}`);
    return (await res.json()) as { id: string };
  };
  const first = await call(cookies.partner, "POST", `/api/episodes/${episode._id}/comments`, { body: "Une remarque.\n\nhttps://example.org/une-adresse-tres-longue-pour-voir-si-elle-passe-a-la-ligne" });
  await call(cookies.partner, "PATCH", `/api/comments/${first.id}`, { body: "Une remarque, corrigée.\n\nhttps://example.org/" });
  await call(cookies.lead, "POST", `/api/episodes/${episode._id}/comments`, { body: "Une réponse.", parentId: first.id });
  const hidden = await call(cookies.lead, "POST", `/api/episodes/${episode._id}/comments`, { body: "À masquer." });
  await call(cookies.lead, "PATCH", `/api/comments/${hidden.id}`, { status: "hidden" });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function check(path: string, options: { cookie?: string | undefined; openReply?: boolean } = {}): Promise<void> {
  const context = await browser.newContext();
  if (options.cookie) {
    const [name, value] = options.cookie.split(/=(.*)/s) as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
  }
  const requests = recordRequests(context);
  const page = await context.newPage();
  try {
    const response = await page.goto(server.url + path, { waitUntil: "load" });
    assert.equal(response?.status(), 200, path);
    if (options.openReply) await page.locator("details.comment-reply summary").first().click();
    assert.equal(await page.locator("h1").count(), 1, `${path}: one h1`);
    assert.equal(await page.getAttribute("html", "lang"), "fr");
    const results = await new AxeBuilder({ page }).analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    assert.ok(results.passes.length > 0, "axe-core ran its rules");
    assert.deepEqual(summary, [], `${path}: axe-core violations`);
    const origin = new URL(server.url).origin;
    assert.ok(requests.some((url) => url.endsWith("/assets/site.css")), "the stylesheet was requested");
    const foreign = requests.filter((url) => new URL(url).origin !== origin);
    assert.deepEqual(foreign, [], `${path}: requests to another origin`);
  } finally {
    await context.close();
  }
}

describe("public pages in Chromium", () => {
  it("home page", async () => {
    await check("/");
  });
  it("programme page", async () => {
    await check("/carnets/sobriete");
  });
  it("episode page", async () => {
    await check(episodePath);
  });
  it("episode page for a partner, with the comment and reply forms", async () => {
    await check(episodePath, { cookie: cookies.partner, openReply: true });
  });
  it("episode page for a moderator, with a hidden comment", async () => {
    await check(episodePath, { cookie: cookies.lead });
  });
  it("subscription page", async () => {
    await check("/abonnement/merci");
  });
  it("comments are styled: territory badge, indented replies, the edited marker", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(server.url + episodePath);
      const badge = page.locator(".comment .badge.territory").first();
      assert.equal(await badge.textContent(), "Département de la Gironde");
      assert.equal(await badge.evaluate((el) => getComputedStyle(el).backgroundColor), "rgb(232, 238, 246)");
      const indent = await page.locator(".comment-replies").first().evaluate((el) => el.getBoundingClientRect().left);
      const top = await page.locator(".comment-list").evaluate((el) => el.getBoundingClientRect().left);
      assert.ok(indent > top, "replies are indented");
      assert.ok(await page.locator(".comment-edited").first().isVisible());
      assert.equal(await page.getByText("À masquer.").count(), 0, "hidden comments are not public");
    } finally {
      await page.close();
    }
  });
  it("the stylesheet applies, and the skip link is the first focus stop", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(server.url + episodePath);
      const background = await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")!).backgroundColor);
      assert.equal(background, "rgb(29, 53, 87)");
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement?.className), "skip");
    } finally {
      await page.close();
    }
  });
});
