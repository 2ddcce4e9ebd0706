// A lead downloads the programme's archive from the programme screen and the file holds the journal; an editor is not offered it.
import assert from "node:assert/strict";
import fs from "node:fs";
import { describe, test } from "node:test";
import { unzipSync } from "fflate";
import type { Page } from "playwright-core";
import { decodeDoc } from "../../server/archive/format.ts";
import sharp from "sharp";
import { episodeRoom } from "../../collab/schema/rooms.ts";
import { $createImageNode } from "../../collab/schema/nodes.ts";
import { storeImage } from "../../server/api/media/images.ts";
import { mediaStoreFor } from "../../server/api/media/routes.ts";
import { buildUser } from "../helpers/factories.ts";
import { stateOf } from "../render/bodies.ts";
import { assertNoViolations, newEpisode, signedInContext, workspaceSuite } from "./workspace.ts";

/** Opens the screen, reads the download's region (axe clean), clicks its link as a person does and unzips the file. */
async function download(page: Page, url: string, region: string, says: string, link: string) {
  await page.goto(url);
  const section = page.getByRole("region", { name: region });
  await section.getByText(says, { exact: false }).waitFor({ timeout: 10_000 });
  await assertNoViolations(page, region);
  const [file] = await Promise.all([page.waitForEvent("download"), section.getByRole("link", { name: link }).click()]);
  return { name: file.suggestedFilename(), files: unzipSync(fs.readFileSync(await file.path())) };
}

const text = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString("utf8");

describe("programme archive in the workspace", { timeout: 120_000 }, () => {
  const suite = workspaceSuite();

  test("the lead clicks the download and the zip holds the programme, its episodes as Markdown and HTML, no account secret", async () => {
    const { server, browser, cast } = suite;
    const alice = cast.users.alice._id;
    const published = await newEpisode(server.ctx, cast.programme._id, alice, "Relevé des haies");
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#2f6f4e" } }).png().toBuffer();
    const image = await storeImage(png, mediaStoreFor(server.ctx));
    await server.ctx.repos.docs.append(episodeRoom(published._id), stateOf(() => [$createImageNode({ src: image.src, alt: "Haie" })]));
    await server.ctx.services.episodes.transition(published._id, "publish", alice);
    await newEpisode(server.ctx, cast.programme._id, alice, "Brouillon du verger");
    const context = await signedInContext(browser, server, alice);
    try {
      const page = await context.newPage();
      const { name, files } = await download(
        page,
        `${server.origin}/atelier/programmes/${cast.programme._id}`,
        "Archive du programme",
        "sans adresse ni mot de passe",
        "Télécharger l'archive du programme",
      );
      assert.equal(name, `carnet-${cast.programme.slug}.zip`);
      const manifest = JSON.parse(text(files["manifest.json"]));
      assert.equal(manifest.kind, "programme");
      assert.equal(manifest.counts.episodes, 2);
      const programmes = text(files["data/programmes.ndjson"]).split("\n").filter(Boolean).map(decodeDoc) as { title: string }[];
      assert.deepEqual(programmes.map((p) => p.title), [cast.programme.title]);
      const names = Object.keys(files);
      assert.ok(names.some((n) => n.startsWith(`episodes/${cast.programme.slug}/`) && n.endsWith(".md")));
      const html = names.find((n) => n.endsWith(".html") && text(files[n]).includes("Relevé des haies"));
      assert.ok(html, "the published episode as HTML");
      const shown = Buffer.from(await (await fetch(`${server.url}${image.src}`)).arrayBuffer());
      assert.ok(Buffer.from(files[`media/${image.src.slice("/media/".length)}`] ?? []).equals(shown), "the image its episode shows");
      const members = text(files["data/members.ndjson"]);
      assert.match(members, /Alice Martin/);
      assert.equal(names.includes("data/users.ndjson") || names.includes("data/subscriptions.ndjson"), false);
      const everything = Object.values(files).map(text).join("\n");
      for (const secret of ["argon2", cast.users.alice.email, cast.users.bruno.email]) assert.equal(everything.includes(secret), false, secret);
    } finally {
      await context.close();
    }
  });

  test("an editor of the programme is not offered the archive", async () => {
    const { server, browser, cast } = suite;
    const context = await signedInContext(browser, server, cast.users.bruno._id);
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}/atelier/programmes/${cast.programme._id}`);
      await page.getByRole("heading", { name: cast.programme.title, level: 1 }).waitFor({ timeout: 10_000 });
      await page.getByText("Brouillon du verger").first().waitFor({ timeout: 10_000 });
      assert.equal(await page.getByRole("link", { name: "Télécharger l'archive du programme" }).count(), 0);
    } finally {
      await context.close();
    }
  });

  test("an admin downloads the instance backup from the administration screen: accounts with their hashes", async () => {
    const { server, browser } = suite;
    const admin = await buildUser(server.ctx, { name: "Dominique Admin", isAdmin: true });
    const context = await signedInContext(browser, server, admin._id);
    try {
      const page = await context.newPage();
      const { files } = await download(
        page,
        `${server.origin}/atelier/admin`,
        "Sauvegarde de l'instance",
        "gardez-la en lieu sûr",
        "Télécharger la sauvegarde de l'instance",
      );
      assert.equal(JSON.parse(text(files["manifest.json"])).kind, "instance");
      const users = text(files["data/users.ndjson"]).split("\n").filter(Boolean).map(decodeDoc) as { name: string; passwordHash: string | null }[];
      assert.ok(users.some((u) => u.name === "Dominique Admin" && u.passwordHash?.startsWith("$argon2")));
    } finally {
      await context.close();
    }
  });
});
