// Streams an archive (zip) of the whole instance or of one programme: data page by page, episodes as Markdown and HTML, images.
import { once } from "node:events";
import type { Writable } from "node:stream";
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";
import { episodeRoom } from "../../collab/schema/rooms.ts";
import type { Episode, Membership, Programme, Revision, User } from "../domain/types.ts";
import { escapeHtml } from "../pages/html.ts";
import { docsRepository, logsOf } from "../repositories/docs.ts";
import type { Filter, Store } from "../store/types.ts";
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  dataEntry,
  encodeDoc,
  episodeEntry,
  INSTANCE_COLLECTIONS,
  type Manifest,
  mediaEntry,
} from "./format.ts";
import { bodyMarkdown } from "./markdown.ts";
import { archiveMedia } from "./media.ts";

export type ArchiveScope = { kind: "instance" } | { kind: "programme"; programme: Programme };

const PAGE = 200;
const OWN_MEDIA = /\/media\/([a-z0-9-]+\.[a-z0-9]+)/g;

/** The zip's bytes go to `out` as they are made, waiting when it is full: a large programme is never held whole. */
function zipTo(out: Writable) {
  let failure: Error | null = null;
  const zip = new Zip((error, chunk, final) => {
    if (error) failure = error;
    else out.write(chunk);
    if (final) out.end();
  });
  const drained = async () => {
    if (failure) throw failure;
    // A download the reader abandoned closes without draining: stop there rather than wait for ever.
    if (out.writableNeedDrain) await Promise.race([once(out, "drain"), once(out, "close")]);
    if (out.destroyed) throw new Error("archive output closed");
  };
  return {
    async file(name: string, chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>, compress = true) {
      const entry = compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
      zip.add(entry);
      for await (const chunk of chunks) {
        entry.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
        await drained();
      }
      entry.push(new Uint8Array(0), true);
      await drained();
    },
    end: () => zip.end(),
  };
}

async function* pages<T>(store: Store, name: string, filter: Filter): AsyncIterable<T> {
  for (let skip = 0; ; skip += PAGE) {
    const page = await store.collection<T & { _id: string }>(name).find(filter, { sort: { _id: 1 }, skip, limit: PAGE });
    yield* page as T[];
    if (page.length < PAGE) return;
  }
}

/** What each data file holds for this scope: a filter on its collection, or the programme's members as references. */
function sources(store: Store, scope: ArchiveScope, rooms: string[]): Record<string, () => AsyncIterable<unknown>> {
  if (scope.kind === "instance") return Object.fromEntries(INSTANCE_COLLECTIONS.map((name) => [name, () => pages(store, name, {})]));
  const p = scope.programme;
  const on = { programmeId: p._id };
  return {
    programmes: () => pages(store, "programmes", { _id: p._id }),
    territories: () => pages(store, "territories", { _id: { $in: p.territoryIds } }),
    // Members by reference only: a lead's download carries no e-mail address nor password hash.
    members: async function* () {
      for await (const m of pages<Membership>(store, "memberships", on)) {
        const user = await store.collection<User>("users").findOne({ _id: m.userId });
        yield { userId: m.userId, name: user?.name ?? "", role: m.role };
      }
    },
    episodes: () => pages(store, "episodes", on),
    episode_numbers: () => pages(store, "episode_numbers", on),
    revisions: () => pages(store, "revisions", on),
    doc_updates: () => pages(store, "doc_updates", logsOf(store.engine, rooms)),
    doc_snapshots: () => pages(store, "doc_snapshots", { _id: { $in: rooms } }),
    comments: () => pages(store, "comments", on),
    review_comments: () => pages(store, "review_comments", on),
    review_rounds: () => pages(store, "review_rounds", on),
    review_marks: () => pages(store, "review_marks", on),
    episode_schedules: () => pages(store, "episode_schedules", on),
  };
}

/** The body as readers last saw it (the stored published HTML), or as it stands for a draft, rendered the same way. */
async function episodeBody(store: Store, episode: Episode): Promise<{ html: string; markdown: string }> {
  const [revision] = await store.collection<Revision>("revisions").find({ episodeId: episode._id }, { sort: { seq: -1 }, limit: 1 });
  if (revision) return { html: revision.html, markdown: bodyMarkdown(revision.yState) };
  const { update } = await docsRepository(store).load(episodeRoom(episode._id));
  const { renderBody } = await import("../services/render.ts");
  return { html: renderBody(update).html, markdown: bodyMarkdown(update) };
}

export async function writeArchive(store: Store, dataDir: string, scope: ArchiveScope, out: Writable): Promise<void> {
  const zip = zipTo(out);
  const programmes =
    scope.kind === "programme" ? [scope.programme] : await store.collection<Programme>("programmes").find({}, { sort: { _id: 1 } });
  const episodes = (
    await Promise.all(programmes.map(async (p) => ({ p, list: await store.collection<Episode>("episodes").find({ programmeId: p._id }, { sort: { _id: 1 } }) })))
  ).flatMap(({ p, list }) => list.map((e) => ({ p, e })));
  const counts: Record<string, number> = {};
  for (const [name, source] of Object.entries(sources(store, scope, episodes.map(({ e }) => episodeRoom(e._id))))) {
    counts[name] = 0;
    await zip.file(
      dataEntry(name),
      (async function* () {
        for await (const doc of source()) {
          counts[name]!++;
          yield `${encodeDoc(doc)}\n`;
        }
      })(),
    );
  }
  const used = new Set<string>();
  for (const { p, e } of episodes) {
    const body = await episodeBody(store, e);
    for (const [, name] of body.html.matchAll(OWN_MEDIA)) used.add(name!);
    const title = escapeHtml(e.title);
    await zip.file(episodeEntry(p.slug, e.slug, "html"), [
      `<!doctype html>\n<html lang="fr"><meta charset="utf-8"><title>${title}</title>\n<h1>${title}</h1>\n${body.html}\n</html>\n`,
    ]);
    await zip.file(episodeEntry(p.slug, e.slug, "md"), [`# ${e.title}\n\n${body.markdown}\n`]);
  }
  const media = archiveMedia(store, dataDir);
  // The whole instance carries every image; a programme those its episodes show.
  const names = scope.kind === "instance" ? await media.names() : [...used].sort();
  const written: string[] = [];
  for (const name of names) {
    const bytes = await media.read(name);
    if (!bytes) continue;
    await zip.file(mediaEntry(name), [bytes], false);
    written.push(name);
  }
  const manifest: Manifest = {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    kind: scope.kind,
    schemaVersion: await store.schemaVersion(),
    exportedAt: new Date().toISOString(),
    ...(scope.kind === "programme" ? { programme: scope.programme.slug } : {}),
    counts,
    media: written,
  };
  await zip.file("manifest.json", [`${JSON.stringify(manifest, null, 2)}\n`]);
  zip.end();
  if (!out.writableFinished) await once(out, "finish");
}
