// Pasting a web page into the editor, in a browser: headings, lists, links and tables stay; images are copied into Carnet or replaced by a visible request for the file.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import sharp from "sharp";
import { episodeRoom } from "../../collab/schema/nodes.ts";
import { renderBody } from "../../server/services/render.ts";
import { assertNoViolations, editorBox, linkState, newEpisode, openEpisode, signedInContext, workspaceSuite } from "./workspace.ts";

describe("editor: pasting from a web page", { timeout: 120_000 }, () => {
  const suite = workspaceSuite();
  // Another site, on another port, serving a real image (with CORS): the atelier still may not read it.
  let elsewhere: Server;
  let elsewhereOrigin = "";
  before(async () => {
    const png = await sharp({ create: { width: 60, height: 40, channels: 3, background: "#9a3412" } }).png().toBuffer();
    elsewhere = createServer((_req, res) => res.writeHead(200, { "content-type": "image/png", "access-control-allow-origin": "*" }).end(png));
    await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
    elsewhereOrigin = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => elsewhere.close(() => resolve())));

  test("a heading, a list, a link, a table and two images pasted: structure kept, readable image uploaded, the other replaced by a visible placeholder", async () => {
    const { server, browser, cast } = suite;
    const episode = await newEpisode(server.ctx, cast.programme._id, cast.users.bruno._id, "Copié-collé");
    const context = await signedInContext(browser, server, cast.users.bruno._id);
    const inline = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#1d4ed8" } }).png().toBuffer();
    const html = [
      "<h2>Les menus de la semaine</h2>",
      "<ul><li>lundi</li><li>mardi</li></ul>",
      '<p>Voir <a href="https://example.org/menus">le site de la ville</a>.</p>',
      "<table><thead><tr><th>Jour</th><th>Plat</th></tr></thead><tbody><tr><td>lundi</td><td>lentilles</td></tr></tbody></table>",
      `<p><img src="${elsewhereOrigin}/refectoire.png" alt="Le réfectoire"></p>`,
      `<p><img src="data:image/png;base64,${inline.toString("base64")}" alt="Le menu affiché"></p>`,
    ].join("");
    try {
      const page = await context.newPage();
      await openEpisode(page, server, episode._id);
      await editorBox(page).click();
      await editorBox(page).evaluate((element, pasted) => {
        const data = new DataTransfer();
        data.setData("text/html", pasted);
        data.setData("text/plain", "Les menus de la semaine");
        element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
      }, html);

      const box = editorBox(page);
      await box.locator("h2", { hasText: "Les menus de la semaine" }).waitFor();
      await box.locator("ul li", { hasText: "mardi" }).waitFor();
      await box.getByRole("link", { name: "le site de la ville" }).waitFor();
      await box.locator("table td", { hasText: "lentilles" }).waitFor();
      await box.getByText("[Image à fournir : « Le réfectoire »").waitFor();
      const uploaded = box.getByRole("img", { name: "Le menu affiché" });
      await page.waitForFunction(() => document.querySelector('img[alt="Le menu affiché"]')?.getAttribute("src")?.startsWith("/media/"));
      assert.equal(await box.locator(`img[src^="${elsewhereOrigin}"], img[src^="data:"]`).count(), 0, "aucune image hors de Carnet");
      assert.equal(await uploaded.count(), 1);
      await linkState(page, "saved");
      await assertNoViolations(page, "après le collage");

      const { html: stored } = renderBody((await server.ctx.repos.docs.load(episodeRoom(episode._id))).update);
      assert.doesNotMatch(stored, /<img[^>]+src="(?!\/media\/)/, "le rendu ne garde aucun lien vers une image extérieure");
      const published = await server.ctx.services.episodes.transition(episode._id, "publish", cast.users.alice._id);
      await page.goto(`${server.origin}/carnets/${cast.programme.slug}/${published.number}`);
      const table = page.locator(".prose table");
      await table.locator("th", { hasText: "Jour" }).waitFor();
      await table.locator("td", { hasText: "lentilles" }).waitFor();
      await page.locator(".prose h2", { hasText: "Les menus de la semaine" }).waitFor();
      await page.locator(".prose ul li", { hasText: "lundi" }).waitFor();
      await page.getByText("[Image à fournir : « Le réfectoire »").waitFor();
      const shown = page.getByRole("img", { name: "Le menu affiché" });
      assert.ok((await shown.evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth))) > 0, "l'image copiée s'affiche");
      await assertNoViolations(page, "page publique après collage");
    } finally {
      await context.close();
    }
  });
});
