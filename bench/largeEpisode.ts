// Opens an episode holding the 104,852-character text of the editing trace in Chromium, cold (fresh profile) and warm (device copy present); writes bench/results/large-episode.json.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { $createParagraphNode, $createTextNode, $getRoot } from "lexical";
import type { BrowserContext, Page } from "playwright-core";
import { changeDoc } from "../collab/schema/documents.ts";
import { episodeRoom } from "../collab/schema/nodes.ts";
import { launchProfile } from "../tests/helpers/browser.ts";
import { buildMembership, buildProgramme, buildUser, sessionCookieFor } from "../tests/helpers/factories.ts";
import { startTestServer } from "../tests/helpers/server.ts";
import { tempDir } from "../tests/helpers/tmp.ts";

const here = import.meta.dirname;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const { finalText } = JSON.parse(gunzipSync(fs.readFileSync(path.join(here, "data", "paper-editing-trace.json.gz"))).toString()) as {
  finalText: string;
};
const lines = finalText.split("\n");
const lastLine = lines.filter((line) => line.trim() !== "").at(-1)!;

const build = spawnSync(process.execPath, ["scripts/ensure-client.mjs"], { cwd: path.join(here, ".."), stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

const server = await startTestServer({ realOrigin: true });
const { ctx } = server;
const programme = await buildProgramme(ctx, { title: "Grand épisode" });
const author = await buildUser(ctx, { name: "Autrice du grand épisode" });
await buildMembership(ctx, author._id, programme._id, "editor");
const episode = await ctx.services.episodes.create({ programmeId: programme._id, title: "Le texte de la trace", createdBy: author._id });
// One paragraph per line of the source: the shape a long field journal takes.
await ctx.services.documentChanges.change(episodeRoom(episode._id), (doc) =>
  changeDoc(doc, () => {
    const root = $getRoot();
    root.clear();
    root.append(...lines.map((line) => $createParagraphNode().append(...(line ? [$createTextNode(line)] : []))));
  }),
);
const url = `${server.origin}/atelier/episodes/${episode._id}`;
const cookie = (await sessionCookieFor(ctx, author._id)).split("=") as [string, string];

async function signedInProfile(): Promise<BrowserContext> {
  const profile = await launchProfile(tempDir("carnet-bench-profile-"));
  await profile.addCookies([{ name: cookie[0], value: cookie[1], url: server.origin, httpOnly: true, sameSite: "Lax" }]);
  return profile;
}

/** Milliseconds from navigation to the whole text in the editor (its last line shown). */
async function open(page: Page): Promise<number> {
  const start = performance.now();
  await page.goto(url);
  await page.waitForFunction((needle) => document.querySelector(".editor-content")?.textContent?.includes(needle) ?? false, lastLine, {
    timeout: 60_000,
    polling: 20,
  });
  return performance.now() - start;
}

/** The text is editable: a word typed at its end shows up and reaches the server. */
async function assertEditable(page: Page): Promise<void> {
  await page.locator(".editor-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" fin");
  await page.locator('.link-state[data-state="saved"]').waitFor({ timeout: 30_000 });
  const text = await page.locator(".editor-content").textContent();
  if (!text?.includes(`${lastLine} fin`)) throw new Error("the typed word is not at the end of the text");
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const cold: number[] = [];
const warm: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const profile = await signedInProfile();
  try {
    const first = await profile.newPage();
    cold.push(await open(first));
    await first.locator('.link-state[data-device="kept"], .link-state[data-state="saved"]').first().waitFor({ timeout: 30_000 });
    await first.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 10_000 });
    await first.close();
    const second = await profile.newPage();
    warm.push(await open(second));
    if (run === 0) await assertEditable(second);
  } finally {
    await profile.close();
  }
}
await server.close();

const result = {
  characters: finalText.length,
  paragraphs: lines.length,
  runs: RUNS,
  coldMs: { median: Math.round(median(cold)), all: cold.map(Math.round) },
  warmMs: { median: Math.round(median(warm)), all: warm.map(Math.round) },
  note: "cold: fresh Chromium profile (no cache, no device copy); warm: same profile, new tab, IndexedDB copy and offline worker present. Until the last line is in the editor.",
};
fs.mkdirSync(path.join(here, "results"), { recursive: true });
fs.writeFileSync(path.join(here, "results", "large-episode.json"), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
