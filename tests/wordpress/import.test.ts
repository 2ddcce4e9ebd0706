// WordPress import on the fixture: episodes with numbers, dates, authors, themes, images and comments; twice is once; bad files refused; hostile HTML sanitised.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import { after, before, describe, it } from "node:test";
import { wordpressImporterFor } from "../../server/cli/importWordpress.ts";
import type { Programme, User } from "../../server/domain/types.ts";
import { AppError } from "../../server/errors.ts";
import { episodePath, feedPath } from "../../server/pages/urls.ts";
import type { WordpressReport } from "../../server/wordpress/import.ts";
import { buildMembership, buildProgramme, buildUser } from "../helpers/factories.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { tempDir } from "../helpers/tmp.ts";
import { fixtureAt, type ImageServer, SERVED_IMAGE, startImageServer } from "../helpers/wordpress.ts";

const importFile = (server: TestServer, programme: Programme, file: string) =>
  wordpressImporterFor(server.ctx).run(programme, fs.createReadStream(file, { encoding: "utf8" }));

describe("WordPress import", { timeout: 120_000 }, () => {
  let server: TestServer;
  let images: ImageServer;
  let programme: Programme;
  let camille: User;
  let file: string;
  let first: WordpressReport;

  before(async () => {
    server = await startTestServer();
    images = await startImageServer();
    programme = await buildProgramme(server.ctx, { themes: [{ slug: "mesures", label: "Mesures" }] });
    const lead = await buildUser(server.ctx, { name: "Léa Responsable" });
    camille = await buildUser(server.ctx, { name: "Camille Martin", email: "camille@example.org" });
    await buildMembership(server.ctx, lead._id, programme._id, "lead");
    await buildMembership(server.ctx, camille._id, programme._id, "editor");
    file = fixtureAt(images.origin);
    first = await importFile(server, programme, file);
  });
  after(async () => {
    await images?.close();
    await server?.close();
  });

  const episodes = async () => {
    const list = await server.ctx.repos.episodes.forProgramme(programme._id);
    return new Map(list.map((e) => [e.number, e] as const));
  };

  it("publishes the posts in date order, keeping a title's « #3 », with their dates, and skips the page and the draft", async () => {
    assert.deepEqual(
      first.imported.map((e) => [e.number, e.title]).sort((a, b) => Number(a[0]) - Number(b[0])),
      [
        [1, "Premiers pas"],
        [2, "Deuxième visite – le marché"],
        [3, "Les mesures sur le terrain"],
        [4, "Un billet piégé"],
      ],
    );
    assert.deepEqual(first.skipped.map((s) => s.wordpressId).sort(), ["14", "15"]);
    const byNumber = await episodes();
    assert.equal(byNumber.size, 4);
    const third = byNumber.get(3)!;
    assert.equal(third.status, "published");
    assert.equal(third.summary, "Trois rues, trois capteurs.");
    assert.equal(third.firstPublishedAt?.toISOString(), "2021-03-10T09:30:00.000Z");
    const revision = (await server.ctx.repos.revisions.latest(third._id))!;
    assert.equal(revision.publishedAt.toISOString(), "2021-03-10T09:30:00.000Z");
    // The next publication of the journal follows the highest number.
    assert.equal(await server.ctx.repos.episodes.peekNextNumber(programme._id), 5);
  });

  it("credits accounts found by e-mail, others by name, and turns categories and tags into themes", async () => {
    const byNumber = await episodes();
    assert.deepEqual(byNumber.get(3)!.authorIds, [camille._id]);
    assert.deepEqual(byNumber.get(1)!.authorNames, ["Jeanne Dupont"]);
    const stored = (await server.ctx.repos.programmes.byId(programme._id))!;
    assert.deepEqual(
      stored.themes.map((t) => t.slug),
      ["mesures", "ecologie", "marche"],
    );
    assert.deepEqual(first.themes.added, ["Écologie", "Marché"]);
    assert.deepEqual(byNumber.get(3)!.themes, ["mesures", "ecologie"]);
    assert.deepEqual(byNumber.get(2)!.themes, ["marche"]);
  });

  it("downloads the attachment (for its resized copy too) and reports the image it could not reach", async () => {
    assert.ok(images.requests.includes(SERVED_IMAGE));
    assert.deepEqual(
      first.missingImages.map((m) => [m.wordpressId, m.src.replace(images.origin, "")]),
      [
        ["12", "/wp-content/uploads/2021/01/disparue.jpg"],
        ["16", "x"],
      ],
    );
    const third = (await episodes()).get(3)!;
    const html = (await server.ctx.repos.revisions.latest(third._id))!.html;
    const src = /<img src="(\/media\/[^"]+)" alt="Un capteur sur un lampadaire"/.exec(html)?.[1];
    assert.ok(src, html);
    assert.match(html, /<figcaption>Le capteur de la rue Haute<\/figcaption>/);
    assert.match(html, /<h2>Ce que disent les capteurs<\/h2>/);
    assert.match(html, /<li>Rue Haute<\/li>/);
    assert.match(html, /<li>Rue <em>Basse<\/em><\/li>/);
    assert.match(html, /<blockquote>Le matin, on n'entend que les oiseaux\.<\/blockquote>/);
    assert.equal((await fetch(`${server.url}${src}`)).status, 200);
    const classic = (await server.ctx.repos.revisions.latest((await episodes()).get(1)!._id))!.html;
    assert.match(classic, /<p>Nous commençons aujourd'hui un <strong>carnet de bord<\/strong>\.<\/p>/);
    assert.match(classic, /pas à pas\.<br ?\/?>Les /);
    assert.match(classic, /<a href="https:\/\/example\.org\/programme"/);
    assert.doesNotMatch(classic, /disparue/);
  });

  it("imports approved comments under their authors' names, replies flattened to one level, no spam nor pingback", async () => {
    const third = (await episodes()).get(3)!;
    const comments = await server.ctx.repos.comments.forEpisode(third._id);
    assert.deepEqual(
      comments.map((c) => [c.authorName, c.createdAt.toISOString()]),
      [
        ["Marie Lenoir", "2021-03-11T08:00:00.000Z"],
        ["Camille Martin", "2021-03-11T09:00:00.000Z"],
        ["Paul & Zoé", "2021-03-12T09:00:00.000Z"],
      ],
    );
    const [top, reply, deeper] = comments as [(typeof comments)[0], (typeof comments)[0], (typeof comments)[0]];
    assert.equal(top.parentId, null);
    assert.equal(reply.parentId, top._id);
    assert.equal(deeper.parentId, top._id);
    assert.equal(reply.authorId, camille._id);
    assert.equal(deeper.body, "Réponse à la réponse :\n\ndommage !");
    assert.ok(comments.every((c) => c.status === "visible" && c.audience === "public"));
    assert.deepEqual(first.comments, { imported: 3, skipped: 2 });
  });

  it("serves the public page without any of the hostile markup", async () => {
    const byNumber = await episodes();
    const trapped = byNumber.get(4)!;
    const page = await (await fetch(`${server.url}${episodePath(programme.slug, 4, trapped.slug)}`)).text();
    assert.match(page, /Texte sain avant le piège\./);
    assert.match(page, /Texte sain après le piège\./);
    const body = page.slice(page.indexOf("Texte sain avant"), page.indexOf("Texte sain après"));
    for (const bad of ["<script", "pirate", "onclick", "onerror", "onload", "javascript:", "<iframe", "<svg", "<style", "style="])
      assert.ok(!body.includes(bad), `${bad} sur la page publique`);
    assert.match(body, /lien piégé/);

    const third = byNumber.get(3)!;
    const public3 = await (await fetch(`${server.url}${episodePath(programme.slug, 3, third.slug)}`)).text();
    assert.match(public3, /Marie Lenoir/);
    assert.match(public3, /Camille Martin/);
    // An author without an account here is credited by name, on the page and in the feeds.
    const first1 = byNumber.get(1)!;
    assert.match(await (await fetch(`${server.url}${episodePath(programme.slug, 1, first1.slug)}`)).text(), /Jeanne Dupont/);
    assert.match(await (await fetch(`${server.url}${feedPath("atom", programme.slug)}`)).text(), /<name>Jeanne Dupont<\/name>/);
  });

  it("imports nothing twice when run again, and picks up a comment approved since", async () => {
    const again = await importFile(server, programme, file);
    assert.deepEqual(again.imported, []);
    assert.equal(again.skipped.filter((s) => s.reason === "déjà importé").length, 4);
    assert.deepEqual(again.themes.added, []);
    assert.equal((await episodes()).size, 4);
    const third = (await episodes()).get(3)!;
    assert.equal((await server.ctx.repos.comments.forEpisode(third._id)).length, 3);
    assert.equal((await server.ctx.repos.revisions.forEpisode(third._id)).length, 1);

    const approvedSince = fixtureAt(images.origin, (xml) => xml.replace("<![CDATA[spam]]>", "<![CDATA[1]]>"));
    const third2 = await importFile(server, programme, approvedSince);
    assert.deepEqual(third2.comments, { imported: 1, skipped: 4 });
    assert.equal((await server.ctx.repos.comments.forEpisode(third._id)).length, 4);
  });

  it("refuses a file that is not WXR, and a truncated one, without writing anything", async () => {
    const fresh = await buildProgramme(server.ctx);
    const cases: [string, string][] = [
      ["<!doctype html><html><body>Pas un export</body></html>", "not_wxr"],
      ['<?xml version="1.0"?><rss version="2.0"><channel><title>Un flux</title></channel></rss>', "not_wxr"],
      ["", "not_wxr"],
      [fs.readFileSync(file, "utf8").slice(0, 9000), "wxr_unreadable"],
    ];
    for (const [text, code] of cases) {
      const path = `${tempDir()}/bad.xml`;
      fs.writeFileSync(path, text);
      await assert.rejects(importFile(server, fresh, path), (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, code);
        assert.equal(error.status, 422);
        return true;
      });
    }
    assert.equal((await server.ctx.repos.episodes.forProgramme(fresh._id)).length, 0);
    assert.deepEqual((await server.ctx.repos.programmes.byId(fresh._id))!.themes, []);
  });
});

describe("carnet import:wordpress", { timeout: 120_000 }, () => {
  it("imports from the command line with a report, and says clearly what is wrong with a bad file", async () => {
    const images = await startImageServer();
    try {
      const dir = tempDir();
      // Not spawnSync: the images are served from this very process, which must keep answering.
      const carnet = (...args: string[]) =>
        new Promise<{ code: number; out: string; err: string }>((resolve) => {
          // The command's own store is the embedded one, on both passes: the MongoDB pass covers the import above.
          const { MONGODB_URL: _mongodb, REDIS_URL: _redis, ...inherited } = process.env;
          const env = { ...inherited, DATA_DIR: dir, NODE_ENV: "development" };
          execFile(process.execPath, ["bin/carnet.js", ...args], { env, encoding: "utf8", timeout: 90_000 }, (error, out, err) =>
            resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }),
          );
        });
      assert.equal((await carnet("user:add", "--email", "lead@example.org", "--name", "Léa", "--password", "un mot de passe solide 42")).code, 0);
      assert.equal((await carnet("programme:add", "--title", "Ancien blog", "--slug", "ancien-blog")).code, 0);
      assert.equal((await carnet("member:add", "--email", "lead@example.org", "--programme", "ancien-blog", "--role", "lead")).code, 0);

      const run = await carnet("import:wordpress", "--programme", "ancien-blog", "--file", fixtureAt(images.origin));
      assert.equal(run.code, 0, run.err);
      assert.match(run.out, /Épisodes importés : 4/);
      assert.match(run.out, /#3 Les mesures sur le terrain/);
      assert.match(run.out, /Images manquantes : 2/);
      assert.match(run.out, /disparue\.jpg/);

      const json = await carnet("import:wordpress", "--programme", "ancien-blog", "--file", fixtureAt(images.origin), "--json");
      assert.equal(json.code, 0, json.err);
      assert.equal(JSON.parse(json.out).report.imported.length, 0);

      const notWxr = `${tempDir()}/page.html`;
      fs.writeFileSync(notWxr, "<html><body>Bonjour</body></html>");
      const bad = await carnet("import:wordpress", "--programme", "ancien-blog", "--file", notWxr);
      assert.equal(bad.code, 1);
      assert.match(bad.err, /^Erreur : Ce fichier n'est pas un export WordPress/);
      const missing = await carnet("import:wordpress", "--programme", "ancien-blog", "--file", `${dir}/absent.xml`);
      assert.equal(missing.code, 1);
      assert.match(missing.err, /absent\.xml/);
    } finally {
      await images.close();
    }
  });
});
