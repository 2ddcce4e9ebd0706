// The demo seed of a first start: territories, programmes, invented demo users and a journal of episodes.
import { hash } from "@node-rs/argon2";
import { $createListItemNode, $createListNode } from "@lexical/list";
import { $createHeadingNode, $createQuoteNode } from "@lexical/rich-text";
import { $createParagraphNode, $createTextNode, $getRoot, type LexicalNode } from "lexical";
import { changeDoc } from "../../collab/schema/documents.ts";
import { episodeRoom } from "../../collab/schema/nodes.ts";
import type { Context } from "../context.ts";
import { type Programme, type Role, TERRITORY_KINDS, type TerritoryKind, type User } from "../domain/types.ts";
import { episodeService } from "../services/episodes.ts";
import { newId } from "../store/ids.ts";
import demo from "./demo.json" with { type: "json" };
import {
  type Block,
  type DemoEpisode,
  DRAFT_EPISODE,
  PROGRAMME_TEXTS,
  PUBLISHED_EPISODES,
  REVIEW_EPISODE,
  RUNNING_EPISODES,
} from "./texts.ts";

/** The one password of every demo account (documented in the README and printed at start). */
export const DEMO_PASSWORD = "carnet-demo-2024";

export type DemoSignIn = { name: string; email: string; password: string; what: string };

type DemoPerson = {
  name: string;
  email: string;
  what: string;
  isAdmin?: boolean;
  territory?: string;
  roles: Record<string, Role>;
};

// Invented people: the demo never impersonates the real members of the programmes.
const PEOPLE: DemoPerson[] = [
  { name: "Dominique Roux", email: "admin@demo.carnet.test", what: "administration de l'instance", isAdmin: true, roles: {} },
  {
    name: "Camille Martin",
    email: "camille.martin@demo.carnet.test",
    what: "responsable des programmes du laboratoire",
    roles: { "nouvelles-mesures": "lead", rebonds: "lead", "nouveaux-accords": "lead", "tronc-commun": "lead", "enacting-the-commons": "lead" },
  },
  {
    name: "Hugo Lefèvre",
    email: "hugo.lefevre@demo.carnet.test",
    what: "rédaction (Nouvelles Mesures, Rebonds)",
    roles: { "nouvelles-mesures": "editor", rebonds: "editor" },
  },
  {
    name: "Nadia Benali",
    email: "nadia.benali@demo.carnet.test",
    what: "partenaire, Ville de Clermont-Ferrand (Nouvelles Mesures)",
    territory: "Ville de Clermont-Ferrand",
    roles: { "nouvelles-mesures": "partner" },
  },
];

const RESOURCES = (slug: string) => [
  { label: "Le site de La 27e Région", url: "https://www.la27eregion.fr/" },
  { label: "Synthèse du programme (document de démonstration)", url: `https://example.org/carnet-demo/${slug}.pdf` },
];

/** French typography as a careful writer types it: narrow no-break space before ? ! ; and no-break before :. */
const typeset = (text: string) =>
  text
    .replace(/ ([?!;])/g, "\u202f$1")
    .replace(/ :/g, "\u00a0:")
    .replace(/« /g, "«\u00a0")
    .replace(/ »/g, "\u00a0»");

function $block(block: Block): LexicalNode {
  if (typeof block === "string") return $createParagraphNode().append($createTextNode(typeset(block)));
  if ("h2" in block) return $createHeadingNode("h2").append($createTextNode(typeset(block.h2)));
  if ("quote" in block) return $createQuoteNode().append($createTextNode(typeset(block.quote)));
  return $createListNode("bullet").append(...block.ul.map((item) => $createListItemNode().append($createTextNode(typeset(item)))));
}

/**
 * The demo's clock: a day of the programme's timeline at a working hour in Paris, never after the present.
 * Publication reads it through the episode services, so revisions are dated as they would have been.
 */
function demoDay(day: string, shiftDays = 0): Date {
  const at = new Date(`${day}T10:30:00+01:00`);
  at.setUTCDate(at.getUTCDate() + shiftDays);
  return new Date(Math.min(at.getTime(), Date.now()));
}
const dated = (ctx: Context, at: Date) =>
  episodeService({ repos: ctx.repos, events: ctx.events, documentChanges: ctx.services.documentChanges, clock: () => at });

/** Writing starts about two weeks before the episode's date. */
async function writeEpisode(ctx: Context, programme: Programme, author: User, content: DemoEpisode) {
  const summary = typeset(content.summary);
  const episode = await dated(ctx, demoDay(content.date, -15)).create({
    programmeId: programme._id,
    title: content.title,
    summary,
    createdBy: author._id,
  });
  // Written through the same binding as a browser would, so the bodies are real collaborative history.
  await ctx.services.documentChanges.change(episodeRoom(episode._id), (doc) =>
    changeDoc(doc, () => {
      const root = $getRoot();
      root.clear();
      root.append(...content.blocks.map($block));
    }),
  );
  return episode;
}

/** Writes, credits and publishes on the episode's date, so it gets the next number of its journal. */
async function publishEpisode(ctx: Context, programme: Programme, author: User, content: DemoEpisode, credits: string[]) {
  const episode = await writeEpisode(ctx, programme, author, content);
  await ctx.services.episodes.update(episode, { authorIds: credits });
  await dated(ctx, demoDay(content.date)).transition(episode._id, "publish", author._id);
}

/** True when the store holds no programme yet: the only case in which the demo is written. */
export async function storeIsEmpty(ctx: Context): Promise<boolean> {
  return (await ctx.repos.programmes.list()).length === 0;
}

/**
 * Fills an empty store with the demo, and returns the demo sign-ins. Does nothing (returns [])
 * as soon as any programme exists, so it is safe on every start.
 */
export async function seedDemo(ctx: Context): Promise<DemoSignIn[]> {
  if (!(await storeIsEmpty(ctx))) return [];
  const now = new Date();
  const territories = new Map<string, string>();
  for (const t of demo.territories) {
    const kind: TerritoryKind = (TERRITORY_KINDS as readonly string[]).includes(t.kind) ? (t.kind as TerritoryKind) : "autre";
    const existing = await ctx.repos.territories.byName(t.name);
    const territory = existing ?? (await ctx.repos.territories.insert({ _id: newId(), name: t.name, kind, createdAt: now }));
    territories.set(t.name, territory._id);
  }

  const programmes = new Map<string, Programme>();
  for (const p of demo.programmes) {
    const texts = PROGRAMME_TEXTS[p.slug];
    const opened = demoDay(`${p.period.start}-01`);
    const programme = await ctx.repos.programmes.insert({
      _id: newId(),
      slug: p.slug,
      title: p.title,
      tagline: texts?.tagline ?? p.tagline,
      intro: texts?.intro ?? "",
      status: p.status as Programme["status"],
      period: { start: p.period.start, end: p.period.end ?? null },
      territoryIds: p.partners.map((name) => territories.get(name)).filter((id): id is string => id !== undefined),
      funders: p.funders,
      resources: RESOURCES(p.slug),
      contactEmail: "contact@demo.carnet.test",
      licence: "CC BY-SA 4.0",
      themes: [],
      createdAt: opened,
      updatedAt: opened,
    });
    programmes.set(p.slug, programme);
  }

  const passwordHash = await hash(DEMO_PASSWORD);
  const users = new Map<string, User>();
  for (const person of PEOPLE) {
    const territoryId = person.territory ? territories.get(person.territory) : undefined;
    const user = await ctx.repos.users.insert({
      _id: newId(),
      email: person.email,
      name: person.name,
      passwordHash,
      affiliation: territoryId ? { kind: "territory", territoryId } : { kind: "lab" },
      isAdmin: person.isAdmin ?? false,
      active: true,
      createdAt: now,
      passwordChangedAt: now,
    });
    users.set(person.name, user);
    for (const [slug, role] of Object.entries(person.roles)) {
      const programme = programmes.get(slug);
      if (programme)
        await ctx.repos.memberships.insert({ _id: newId(), userId: user._id, programmeId: programme._id, role, createdAt: now });
    }
  }

  const journal = programmes.get("nouvelles-mesures");
  const lead = users.get("Camille Martin")!;
  const editor = users.get("Hugo Lefèvre")!;
  if (journal) {
    const credits = [lead._id, editor._id];
    for (const [i, content] of PUBLISHED_EPISODES.entries())
      await publishEpisode(ctx, journal, i % 2 ? editor : lead, content, credits);
    const review = await writeEpisode(ctx, journal, editor, REVIEW_EPISODE);
    await ctx.services.episodes.transition(review._id, "submit", editor._id);
    await writeEpisode(ctx, journal, editor, DRAFT_EPISODE);
  }
  // The running programmes have begun their journals too, so the home page's latest episodes span programmes.
  for (const [slug, contents] of Object.entries(RUNNING_EPISODES)) {
    const programme = programmes.get(slug);
    if (!programme) continue;
    const writers = PEOPLE.filter((p) => p.roles[slug] === "lead" || p.roles[slug] === "editor").map((p) => users.get(p.name)!);
    for (const [i, content] of contents.entries())
      await publishEpisode(ctx, programme, writers[i % writers.length]!, content, writers.map((u) => u._id));
  }

  return PEOPLE.map((p) => ({ name: p.name, email: p.email, password: DEMO_PASSWORD, what: p.what }));
}
