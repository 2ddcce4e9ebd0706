// Title and summary live in the episode's document: shared through the socket, stored valid, migrated on first open, read at publication.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as Y from "yjs";
import { initialDocUpdate } from "../../collab/schema/documents.ts";
import { metaText, readMeta, setMetaText } from "../../collab/schema/meta.ts";
import { episodeRoom } from "../../collab/schema/rooms.ts";
import { CloseCode } from "../../collab/server/closeCodes.ts";
import { EPISODE_LIMITS } from "../../server/domain/limits.ts";
import { api } from "../episodes/client.ts";
import { eventually } from "../helpers/eventually.ts";
import { buildEpisodeRecord, type Cast } from "../helpers/factories.ts";
import type { TestServer } from "../helpers/server.ts";
import { useCastServer } from "../helpers/suite.ts";
import { type Client, connect, disconnectAll, stored, waitFor } from "./helpers.ts";

describe("collaboration: live title and summary", () => {
  let server: TestServer;
  let cast: Cast;
  useCastServer((s, c) => {
    [server, cast] = [s, c];
  });

  const create = async (title: string, summary = "") =>
    (await api(server).post(`/programmes/${cast.programme._id}/episodes`, cast.cookies.editor, { title, summary }).expect(201)).body
      .episode as { id: string; slug: string };
  const open = (id: string, cookie: string) => connect(server.url, episodeRoom(id), cookie, server.origin);
  const title = (c: Client) => metaText(c.doc, "title");
  const storedEpisode = async (id: string) => (await server.ctx.repos.episodes.byId(id))!;
  /** Waits until the stored episode carries these values. */
  const storedAs = (id: string, want: { title?: string; summary?: string }) =>
    eventually(`épisode enregistré avec ${JSON.stringify(want).slice(0, 80)}`, async () => {
      const e = await storedEpisode(id);
      return (want.title === undefined || e.title === want.title) && (want.summary === undefined || e.summary === want.summary);
    });

  it("a new episode's document holds its title and summary; two editors see each other's keystrokes and the store follows", async () => {
    const episode = await create("Le terrain", "Ce que nous avons vu.");
    const [a, b] = [open(episode.id, cast.cookies.editor), open(episode.id, cast.cookies.lead)];
    try {
      await Promise.all([a.synced, b.synced]);
      assert.deepEqual(readMeta(a.doc), { title: "Le terrain", summary: "Ce que nous avons vu." });
      title(a).insert("Le terrain".length, " de Vénissieux");
      metaText(b.doc, "summary").insert(0, "En bref : ");
      await waitFor(() => readMeta(a.doc).summary.startsWith("En bref") && title(b).toString() === "Le terrain de Vénissieux", "each sees the other's change");
      await storedAs(episode.id, { title: "Le terrain de Vénissieux", summary: "En bref : Ce que nous avons vu." });
    } finally {
      disconnectAll([a, b]);
    }
  });

  it("a change through the API is one edit of the document: a summary typed meanwhile is not overwritten", async () => {
    const episode = await create("Les menus", "Premier jet");
    const a = open(episode.id, cast.cookies.editor);
    try {
      await a.synced;
      metaText(a.doc, "summary").insert("Premier jet".length, " revu");
      assert.ok(await stored(server, a, episodeRoom(episode.id)));
      await api(server).patch(`/episodes/${episode.id}`, cast.cookies.lead, { title: "Les menus d'hiver" }).expect(200);
      await waitFor(() => title(a).toString() === "Les menus d'hiver", "the API's title reaches the editor");
      await storedAs(episode.id, { title: "Les menus d'hiver", summary: "Premier jet revu" });
    } finally {
      disconnectAll([a]);
    }
  });

  it("the store never keeps a title the API would refuse: controls dropped, cut at the limit, an empty title keeps the last one", async () => {
    const episode = await create("Titre sage");
    const a = open(episode.id, cast.cookies.editor);
    try {
      await a.synced;
      setMetaText(title(a), "Un\u202e titre\u0000\nsur deux lignes");
      await storedAs(episode.id, { title: "Un titre sur deux lignes" });
      setMetaText(title(a), "x".repeat(EPISODE_LIMITS.title + 50));
      await storedAs(episode.id, { title: "x".repeat(EPISODE_LIMITS.title) });
      setMetaText(title(a), "   ");
      // The summary changes in the same breath: once it is stored, so is whatever the empty title did.
      setMetaText(metaText(a.doc, "summary"), "Chapô");
      await storedAs(episode.id, { summary: "Chapô" });
      assert.equal((await storedEpisode(episode.id)).title, "x".repeat(EPISODE_LIMITS.title));
    } finally {
      disconnectAll([a]);
    }
  });

  it("a title holding embeds, formatting and nested types: refused at the socket; held anyway, it stores only its characters and publishes", async () => {
    const episode = await create("Titre");
    const [a, b] = [open(episode.id, cast.cookies.editor), open(episode.id, cast.cookies.lead)];
    const hostile = (doc: Y.Doc) => {
      const text = metaText(doc, "title");
      text.insertEmbed(0, new Y.Map([["__type", "script"]]));
      text.insertEmbed(0, { src: "javascript:alert(1)" });
      text.format(0, 3, { bold: true, onclick: "alert(1)" });
      text.insert(text.length, " <b>gras</b>", { href: "javascript:alert(1)" });
      metaText(doc, "summary").insertEmbed(0, new Y.XmlText("caché"));
    };
    try {
      await Promise.all([a.synced, b.synced]);
      const closed = new Promise((resolve) => a.provider.on("connection-close", (event) => resolve(event?.code)));
      a.doc.transact(() => hostile(a.doc));
      assert.equal(await closed, CloseCode.UPDATE_REFUSED);
      assert.equal(title(b).toString(), "Titre", "nothing reached the other editor");
      // A document an older server let through: the readers still take only the characters.
      await server.ctx.services.documentChanges.change(episodeRoom(episode.id), hostile);
      await storedAs(episode.id, { title: "Titre <b>gras</b>", summary: "" });
    } finally {
      disconnectAll([a, b]);
    }
    const published = (await api(server).post(`/episodes/${episode.id}/publish`, cast.cookies.editor).expect(200)).body.episode;
    assert.equal(published.title, "Titre <b>gras</b>");
    const page = await fetch(`${server.url}/carnets/${cast.programme.slug}/${published.number}-${published.slug}`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.ok(html.includes("Titre &lt;b&gt;gras&lt;/b&gt;") && !html.includes("<b>gras</b>"), "le titre est échappé dans la page");
  });

  it("a partner's change to the title is dropped, never stored nor relayed", async () => {
    const episode = await create("Relu par les partenaires");
    await api(server).post(`/episodes/${episode.id}/submit`, cast.cookies.editor).expect(200);
    const [editor, partner] = [open(episode.id, cast.cookies.editor), open(episode.id, cast.cookies.partner)];
    try {
      await Promise.all([editor.synced, partner.synced]);
      title(partner).insert(0, "PIRATE ");
      metaText(editor.doc, "summary").insert(0, "Après");
      await waitFor(() => metaText(partner.doc, "summary").toString() === "Après", "the editor's change reaches the partner");
      assert.ok(await stored(server, editor, episodeRoom(episode.id)));
      await storedAs(episode.id, { summary: "Après" });
      assert.equal(title(editor).toString(), "Relu par les partenaires");
      assert.equal((await storedEpisode(episode.id)).title, "Relu par les partenaires");
    } finally {
      disconnectAll([editor, partner]);
    }
  });

  it("an episode from before shared titles gets its stored title and summary in its document on first open, once", async () => {
    const old = await buildEpisodeRecord(server.ctx, cast.programme._id, { title: "Ancien épisode", summary: "Écrit avant" });
    await server.ctx.repos.docs.append(episodeRoom(old._id), initialDocUpdate());
    const [a, b] = [open(old._id, cast.cookies.editor), open(old._id, cast.cookies.lead)];
    try {
      await Promise.all([a.synced, b.synced]);
      assert.deepEqual(readMeta(a.doc), { title: "Ancien épisode", summary: "Écrit avant" });
      assert.deepEqual(readMeta(b.doc), readMeta(a.doc));
    } finally {
      disconnectAll([a, b]);
    }
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await server.ctx.repos.docs.load(episodeRoom(old._id))).update);
    assert.deepEqual(readMeta(doc), { title: "Ancien épisode", summary: "Écrit avant" });
  });

  it("publication takes the document's title and derives the slug from it the first time only, unless an editor chose one", async () => {
    const episode = await create("Titre provisoire");
    const a = open(episode.id, cast.cookies.editor);
    try {
      await a.synced;
      setMetaText(title(a), "Ce que la cantine nous a appris");
      assert.ok(await stored(server, a, episodeRoom(episode.id)));
    } finally {
      disconnectAll([a]);
    }
    const published = (await api(server).post(`/episodes/${episode.id}/publish`, cast.cookies.editor).expect(200)).body.episode;
    assert.equal(published.title, "Ce que la cantine nous a appris");
    assert.equal(published.slug, "ce-que-la-cantine-nous-a-appris");
    const revision = (await server.ctx.repos.revisions.latest(episode.id))!;
    assert.deepEqual([revision.title, revision.slug], ["Ce que la cantine nous a appris", "ce-que-la-cantine-nous-a-appris"]);

    // Once public, a new title keeps the address; changing it on purpose keeps a redirect from the old one.
    await api(server).patch(`/episodes/${episode.id}`, cast.cookies.editor, { title: "Retitré" }).expect(200);
    const updated = (await api(server).post(`/episodes/${episode.id}/update`, cast.cookies.editor).expect(200)).body.episode;
    assert.equal(updated.slug, "ce-que-la-cantine-nous-a-appris");
    await api(server).patch(`/episodes/${episode.id}`, cast.cookies.editor, { slug: "retitre" }).expect(200);
    await api(server).post(`/episodes/${episode.id}/update`, cast.cookies.editor).expect(200);
    const moved = await fetch(`${server.url}/carnets/${cast.programme.slug}/${published.number}-ce-que-la-cantine-nous-a-appris`, { redirect: "manual" });
    assert.equal(moved.status, 301);
    assert.match(moved.headers.get("location") ?? "", new RegExp(`/${published.number}-retitre$`));

    const chosen = await create("Un titre");
    await api(server).patch(`/episodes/${chosen.id}`, cast.cookies.editor, { slug: "mon-adresse", title: "Un autre titre" }).expect(200);
    const kept = (await api(server).post(`/episodes/${chosen.id}/publish`, cast.cookies.editor).expect(200)).body.episode;
    assert.deepEqual([kept.title, kept.slug], ["Un autre titre", "mon-adresse"]);
  });
});
