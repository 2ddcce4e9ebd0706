// Measures search on 5,000 generated episodes: index build, then query times; writes bench/results/search.json.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import demo from "../server/seed/demo.json" with { type: "json" };
import { loadConfig } from "../server/config.ts";
import { createContext } from "../server/context.ts";
import { createLogger } from "../server/log.ts";
import { episodeRoom } from "../collab/schema/rooms.ts";
import type { Actor } from "../server/domain/policy.ts";
import type { Episode, Revision } from "../server/domain/types.ts";
import { newId } from "../server/store/ids.ts";
import { openStore } from "../server/store/open.ts";

const EPISODES = Number(process.env.BENCH_EPISODES ?? 5000);
const PROGRAMMES = 10;
const RUNS = 50;
const SEED = Number(process.env.SEED ?? Date.now() % 1_000_000);
console.log(`SEED=${SEED}`);

/** mulberry32: the same seed, the same journals. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ (t + Math.imul(t ^ (t >>> 14), 71 | t));
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** Restarted by each engine's run, so both measure the same journals. */
let rand = random(SEED);

// Real French words from the demo journals' titles, plus the field's vocabulary, in random sentences.
const words = [
  ...new Set(
    demo.programmes
      .flatMap((p) => (p.episodes ?? []).map((e) => e.title))
      .join(" ")
      .split(/[^\p{L}']+/u)
      .filter((w) => w.length > 3),
  ),
  ...("mesure mesures écologique écologie habitants enquête enquêtes territoire territoires budget carbone jardins " +
    "rénovation rénovations mobilité quartier quartiers élus agents atelier ateliers expérimentation collectivité").split(" "),
];
// Skewed like real text: the first words are common, the last ones rare (the queries use both).
const word = () => words[Math.floor(words.length * rand() ** 2.5)]!;
const sentence = (n: number) => Array.from({ length: n }, word).join(" ");
const paragraphs = (count: number) => Array.from({ length: count }, () => `<p>${sentence(60)}.</p>`).join("");

/** Drafts of the first programme, with bodies in their collaborative documents, for the atelier's search. */
const DRAFTS = Number(process.env.BENCH_DRAFTS ?? 200);

const QUERIES = ["ornithologique", "mesure", "écologie", "habitants enquête", "rénovations", "budget carbone quartier", "zzzz", "territoire"];

type Timing = { query: string; hits: number; meanMs: number; p95Ms: number; coldMs?: number };

async function run(engine: "embedded" | "mongodb", mongodbUrl: string | undefined) {
  rand = random(SEED);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "carnet-bench-search-"));
  const config = loadConfig({ NODE_ENV: "test", DATA_DIR: dataDir, PUBLIC_URL: "http://carnet.test", ...(mongodbUrl ? { MONGODB_URL: mongodbUrl } : {}) });
  const store = await openStore({ dataDir, mongodbUrl: config.mongodbUrl });
  const ctx = createContext(config, store, createLogger({ level: "silent", pretty: false }));
  try {
    const at = new Date();
    const seeding = performance.now();
    for (let p = 0; p < PROGRAMMES; p++) {
      const programme = await ctx.repos.programmes.insert({
        _id: newId(), slug: `bench-${p}`, title: `Programme ${sentence(3)}`, tagline: sentence(8), intro: sentence(40),
        status: "running", period: { start: "2024-01", end: null }, territoryIds: [], funders: [], resources: [],
        contactEmail: null, licence: "CC BY-SA 4.0", themes: [], createdAt: at, updatedAt: at,
      });
      // Inserted in bulk through the store: one request per collection and programme, not one per record.
      const episodes: Episode[] = [];
      const revisions: Revision[] = [];
      for (let n = 1; n <= EPISODES / PROGRAMMES; n++) {
        const _id = newId();
        // About one episode in a hundred carries a rare word, for a query with few hits.
        const title = `${sentence(6)}${rand() < 0.01 ? " ornithologie" : ""}`;
        const summary = sentence(30);
        episodes.push({
          _id, programmeId: programme._id, title, slug: `episode-${n}`, previousSlugs: [], summary, status: "published", number: n,
          authorIds: [], contributorIds: [], createdBy: "", createdAt: at, updatedAt: at, firstPublishedAt: at, lastPublishedAt: at,
          commentsClosed: false, themes: [],
        });
        revisions.push({
          _id: newId(), episodeId: _id, programmeId: programme._id, seq: 1, number: n, title, slug: `episode-${n}`, summary,
          html: paragraphs(8), lexicalJson: "{}", yState: new Uint8Array(), authorIds: [], publishedBy: "", publishedAt: at,
        });
      }
      await store.collection<Episode>("episodes").insertMany(episodes);
      await store.collection<Revision>("revisions").insertMany(revisions);
    }
    const seedMs = performance.now() - seeding;
    console.log(`${engine} : ${EPISODES} épisodes insérés en ${seedMs.toFixed(0)} ms`);
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    await ctx.services.search.warm();
    const buildMs = performance.now() - started;
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    console.log(`${engine} : index de ${EPISODES} épisodes construit en ${buildMs.toFixed(0)} ms (~${heapMb.toFixed(0)} Mo de tas)`);
    const timings: Timing[] = [];
    for (const query of QUERIES) {
      const times: number[] = [];
      let hits = 0;
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        hits = (await ctx.services.search.published(query, { page: 1 + (i % 3) })).total;
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const meanMs = times.reduce((s, t) => s + t, 0) / times.length;
      const p95Ms = times[Math.floor(times.length * 0.95)]!;
      timings.push({ query, hits, meanMs, p95Ms });
      console.log(`  « ${query} » ${String(hits).padStart(5)} résultats   moyenne ${meanMs.toFixed(2)} ms   p95 ${p95Ms.toFixed(2)} ms`);
    }

    // The atelier: an editor of the first programme also searches its drafts, whose bodies are read from their documents.
    const { changeDoc } = await import("../collab/schema/documents.ts");
    const { $createParagraphNode, $createTextNode, $getRoot } = await import("lexical");
    const first = (await ctx.repos.programmes.bySlug("bench-0"))!;
    for (let d = 0; d < DRAFTS; d++) {
      const draft = await ctx.services.episodes.create({ programmeId: first._id, title: sentence(6), createdBy: "bench" });
      const texts = Array.from({ length: 8 }, () => sentence(60));
      await ctx.services.documentChanges.change(episodeRoom(draft._id), (doc) =>
        changeDoc(doc, () => $getRoot().clear().append(...texts.map((t) => $createParagraphNode().append($createTextNode(t))))),
      );
    }
    const editor: Actor = { kind: "user", userId: "bench", isAdmin: false, roles: new Map([[first._id, "editor"]]) };
    const atelier: Timing[] = [];
    for (const query of QUERIES.slice(0, 4)) {
      const times: number[] = [];
      let hits = 0;
      for (let i = 0; i < RUNS / 5; i++) {
        const t0 = performance.now();
        hits = (await ctx.services.search.forActor(editor, query)).total;
        times.push(performance.now() - t0);
      }
      const coldMs = times[0]!;
      const warm = times.slice(1).sort((a, b) => a - b);
      const meanMs = warm.reduce((s, t) => s + t, 0) / warm.length;
      const p95Ms = warm[Math.floor(warm.length * 0.95)]!;
      atelier.push({ query, hits, meanMs, p95Ms, coldMs });
      console.log(`  atelier (${DRAFTS} brouillons) « ${query} » ${String(hits).padStart(5)} résultats   1re ${coldMs.toFixed(1)} ms   moyenne ${meanMs.toFixed(1)} ms   p95 ${p95Ms.toFixed(1)} ms`);
    }
    return { engine, episodes: EPISODES, seedMs, buildMs, heapMb, queries: timings, atelier: { drafts: DRAFTS, queries: atelier } };
  } finally {
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const results = [await run("embedded", undefined)];
if (process.env.MONGODB_URL) results.push(await run("mongodb", process.env.MONGODB_URL));
else console.log("mongodb : non mesuré (MONGODB_URL absent)");
const out = path.join(import.meta.dirname, "results/search.json");
fs.writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, seed: SEED, runs: RUNS, results }, null, 2)}\n`);
console.log(`→ ${path.relative(process.cwd(), out)}`);
