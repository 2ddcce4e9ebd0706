// Imports a WordPress export into a programme: posts as published episodes, terms as themes, images, approved comments; twice is once.
import { episodeRoom } from "../../collab/schema/rooms.ts";
import { checkBody, type Comment } from "../domain/comments.ts";
import { EPISODE_LIMITS, PROGRAMME_LIMITS } from "../domain/limits.ts";
import { mayBeCredited } from "../domain/policy.ts";
import { SLUG_PATTERN, slugify } from "../domain/slug.ts";
import type { Episode, Programme, Theme, User } from "../domain/types.ts";
import { unprocessable } from "../errors.ts";
import { createEpisodeBody } from "../api/episodes/schema.ts";
import type { MediaStore } from "../api/media/store.ts";
import type { CommentsRepository } from "../repositories/comments.ts";
import type { ProgrammesRepository } from "../repositories/programmes.ts";
import { type EpisodeDeps, episodeService } from "../services/episodes.ts";
import type { themeService } from "../services/themes.ts";
import { newId } from "../store/ids.ts";
import { plainText, writeWordpressBody } from "./body.ts";
import { imageFetcher, imageSources } from "./images.ts";
import { readWxr, type WxrComment, type WxrItem } from "./wxr.ts";

export type WordpressImportDeps = EpisodeDeps & {
  repos: EpisodeDeps["repos"] & { comments: CommentsRepository; programmes: ProgrammesRepository };
  themes: ReturnType<typeof themeService>;
  media: MediaStore;
};

export type WordpressReport = {
  imported: { wordpressId: string; number: number; title: string }[];
  /** Posts already imported by an earlier run, pages, drafts and other items that are not posts. */
  skipped: { wordpressId: string; title: string; reason: string }[];
  comments: { imported: number; skipped: number };
  themes: { added: string[]; leftOut: string[] };
  missingImages: { wordpressId: string; src: string }[];
};

/** "#3" in a title: the episode's number in the old journal. */
const NUMBER_IN_TITLE = /(?<![&\w])#\s?(\d{1,5})\b/;

/** The title without its "#N" (Carnet shows the number itself), unless nothing else is left. */
function cleanTitle(title: string): string {
  const bare = title.replace(/^\s*(?:[ée]pisode\s*)?#\s?\d{1,5}\s*[-–—:.,]?\s*/i, "").trim();
  return bare === "" ? title.trim() : bare;
}

/**
 * Numbers in date order: a "#N" title keeps N, the others take the next number after the previous
 * post's that no title claims (after `highest`, the programme's highest so far).
 */
function planNumbers(byDate: WxrItem[], highest: number): Map<WxrItem, number> {
  const explicit = (p: WxrItem) => Number(NUMBER_IN_TITLE.exec(plainText(p.title))?.[1] ?? Number.NaN);
  const claimed = new Set(byDate.map(explicit).filter((n) => !Number.isNaN(n)));
  const plan = new Map<WxrItem, number>();
  let last = highest;
  for (const post of byDate) {
    let n = explicit(post);
    if (Number.isNaN(n)) for (n = last + 1; claimed.has(n); n++);
    plan.set(post, n);
    last = Math.max(last, n);
  }
  return plan;
}

/** Approved readers' comments; pingbacks and trackbacks are not conversation. */
const isConversation = (c: WxrComment) => c.approved && (c.type === "" || c.type === "comment");

/** The top comment of a WordPress thread: Carnet keeps one level of replies, so deeper replies answer it. */
function rootOf(comment: WxrComment, byId: Map<string, WxrComment>): WxrComment {
  let current = comment;
  for (let hops = 0; current.parentId && byId.has(current.parentId) && hops < 1000; hops++) current = byId.get(current.parentId)!;
  return current;
}

/** The programme's themes with the export's categories and tags added, up to the limit; and those left out. */
function mergeThemes(programme: Programme, posts: WxrItem[]): { themes: Theme[]; added: string[]; leftOut: string[]; slugOf: Map<string, string> } {
  const themes = [...programme.themes];
  const slugOf = new Map<string, string>();
  const added: string[] = [];
  const leftOut: string[] = [];
  for (const term of posts.flatMap((p) => p.terms)) {
    const key = `${term.domain}:${term.slug}`;
    if (slugOf.has(key) || leftOut.includes(term.label)) continue;
    const label = plainText(term.label).trim().slice(0, PROGRAMME_LIMITS.themeLabel) || term.slug;
    const slug = SLUG_PATTERN.test(term.slug) ? term.slug : slugify(label, "theme");
    const existing = themes.find((t) => t.slug === slug || t.label.toLowerCase() === label.toLowerCase());
    if (existing) slugOf.set(key, existing.slug);
    else if (themes.length < PROGRAMME_LIMITS.themes) {
      themes.push({ slug, label });
      added.push(label);
      slugOf.set(key, slug);
    } else leftOut.push(label);
  }
  return { themes, added, leftOut, slugOf };
}

export function wordpressImporter(deps: WordpressImportDeps) {
  /** Publication and creation dated as WordPress dated the post, as the demo seed dates its journal. */
  const dated = (at: Date) => episodeService({ ...deps, clock: () => at });

  return {
    async run(target: Programme, file: AsyncIterable<string> | Iterable<string>): Promise<WordpressReport> {
      const wxr = await readWxr(file);
      const programme = (await deps.repos.programmes.byId(target._id)) ?? target;
      const report: WordpressReport = { imported: [], skipped: [], comments: { imported: 0, skipped: 0 }, themes: { added: [], leftOut: [] }, missingImages: [] };
      const posts: WxrItem[] = [];
      for (const item of wxr.items) {
        if (item.type === "post" && item.status === "publish") posts.push(item);
        else if (item.type !== "attachment") report.skipped.push({ wordpressId: item.id, title: item.title, reason: `${item.type || "?"} (${item.status || "?"})` });
      }

      const members = await deps.repos.memberships.forProgramme(programme._id);
      const memberIds = new Set(members.map((m) => m.userId));
      /** The account a WordPress login or e-mail names, when it may be credited in this programme. */
      const accountOf = async (loginOrEmail: string, email?: string): Promise<User | null> => {
        const author = wxr.authors.find((a) => a.login === loginOrEmail);
        for (const address of [email, author?.email, loginOrEmail]) {
          if (!address?.includes("@")) continue;
          const user = await deps.repos.users.byEmail(address);
          if (user?.active && mayBeCredited(user, memberIds.has(user._id))) return user;
        }
        return null;
      };
      const lead = members.find((m) => m.role === "lead") ?? members.find((m) => m.role === "editor");
      const fallbackActor = lead?.userId ?? (await deps.repos.users.list()).find((u) => u.isAdmin && u.active)?._id;
      if (!fallbackActor)
        throw unprocessable("no_importer", "Le programme n'a ni responsable ni rédacteur, et l'instance pas d'administrateur : personne ne peut publier l'import.");

      const merged = mergeThemes(programme, posts);
      if (merged.added.length > 0) {
        await deps.repos.programmes.update(programme._id, { themes: merged.themes });
        deps.events.emit("programme.updated", { programmeId: programme._id });
      }
      report.themes = { added: merged.added, leftOut: merged.leftOut };

      const fetcher = imageFetcher(deps.media, new Set(wxr.items.filter((i) => i.type === "attachment").map((i) => i.attachmentUrl)));
      const time = (p: WxrItem) => p.date?.getTime() ?? 0;
      const ordered = [...posts].sort((a, b) => time(a) - time(b));
      const planned = planNumbers(ordered, (await deps.repos.episodes.peekNextNumber(programme._id)) - 1);

      for (const post of ordered) {
        const title = cleanTitle(plainText(post.title));
        let episode: Episode | null = await deps.repos.episodes.byWordpressId(programme._id, post.id);
        if (episode?.status === "published") report.skipped.push({ wordpressId: post.id, title, reason: "déjà importé" });
        else {
          const input = createEpisodeBody.safeParse({ title, summary: plainText(post.excerpt).trim().slice(0, EPISODE_LIMITS.summary) });
          if (!input.success) {
            report.skipped.push({ wordpressId: post.id, title, reason: "titre invalide" });
            continue;
          }
          const at = post.date ?? new Date();
          const author = await accountOf(post.creator);
          const actorId = author?._id ?? fallbackActor;
          episode ??= await dated(at).create({ programmeId: programme._id, title: input.data.title, summary: input.data.summary ?? "", createdBy: actorId });
          const display = wxr.authors.find((a) => a.login === post.creator)?.displayName || post.creator;
          await deps.repos.episodes.update(episode._id, {
            wordpressId: post.id,
            authorIds: author ? [author._id] : [],
            ...(author || !display ? {} : { authorNames: [plainText(display).trim()] }),
          });
          for (const src of new Set(imageSources(post.content)))
            if (!(await fetcher.get(src))) report.missingImages.push({ wordpressId: post.id, src });
          await deps.documentChanges.change(episodeRoom(episode._id), (doc) =>
            writeWordpressBody(doc, post.content, (src) => fetcher.stored(src)),
          );
          const themes = [...new Set(post.terms.map((t) => merged.slugOf.get(`${t.domain}:${t.slug}`)).filter((s): s is string => !!s))];
          if (themes.length > 0) await deps.themes.setEpisodeThemes((await deps.repos.episodes.byId(episode._id))!, themes);
          episode = await dated(at).publishImported(episode._id, actorId, planned.get(post) ?? null);
          report.imported.push({ wordpressId: post.id, number: episode.number!, title });
        }
        const counts = await importComments(deps, episode, post, accountOf);
        report.comments.imported += counts.imported;
        report.comments.skipped += counts.skipped;
      }
      return report;
    },
  };
}

/** The post's approved comments, flattened to one level of replies; those imported before are skipped. */
async function importComments(
  deps: WordpressImportDeps,
  episode: Episode,
  post: WxrItem,
  accountOf: (login: string, email?: string) => Promise<User | null>,
): Promise<{ imported: number; skipped: number }> {
  const kept = post.comments.filter(isConversation);
  const byId = new Map(kept.map((c) => [c.id, c]));
  const carnetIds = new Map<string, string>();
  let imported = 0;
  let skipped = post.comments.length - kept.length;
  // Threads' first comments before their replies, each in date order.
  const roots = kept.filter((c) => rootOf(c, byId) === c);
  const replies = kept.filter((c) => rootOf(c, byId) !== c);
  const byDate = (a: WxrComment, b: WxrComment) => (a.date?.getTime() ?? 0) - (b.date?.getTime() ?? 0);
  for (const c of [...roots.sort(byDate), ...replies.sort(byDate)]) {
    const existing = await deps.repos.comments.byWordpressId(episode._id, c.id);
    if (existing) {
      carnetIds.set(c.id, existing._id);
      skipped++;
      continue;
    }
    const body = checkBody(plainText(c.content));
    const root = rootOf(c, byId);
    const parentId = root === c ? null : (carnetIds.get(root.id) ?? null);
    if (!body.ok || (root !== c && parentId === null)) {
      skipped++;
      continue;
    }
    const account = c.authorEmail ? await accountOf("", c.authorEmail) : null;
    const comment: Comment = {
      _id: newId(),
      episodeId: episode._id,
      programmeId: episode.programmeId,
      parentId,
      // A reader of the old blog has no account here: the comment keeps the name they signed with.
      authorId: account?._id ?? "",
      authorName: account?.name ?? (plainText(c.authorName).trim() || "Anonyme"),
      authorTerritory: null,
      body: body.body,
      status: "visible",
      audience: "public",
      createdAt: c.date ?? new Date(),
      editedAt: null,
      wordpressId: c.id,
    };
    await deps.repos.comments.insert(comment);
    carnetIds.set(c.id, comment._id);
    imported++;
  }
  if (imported > 0) deps.events.emit("comments.changed", { episodeId: episode._id, programmeId: episode.programmeId });
  return { imported, skipped };
}
