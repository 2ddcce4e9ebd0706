// sitemap.xml (home, every programme, every published episode) and robots.txt, for search engines.
import type { Built } from "./cache.ts";
import { escapeHtml } from "./html.ts";
import type { JournalReader } from "./journal.ts";
import { absolute, episodePath, programmePath } from "./urls.ts";

type Site = { publicUrl: string };

const urlEntry = (loc: string, lastmod: Date | null) =>
  `<url><loc>${escapeHtml(loc)}</loc>${lastmod ? `<lastmod>${lastmod.toISOString()}</lastmod>` : ""}</url>`;

export async function renderSitemap(reader: JournalReader, site: Site): Promise<Built> {
  const lines: string[] = [];
  let newest = 0;
  const programmes = await reader.programmes();
  const pages: string[] = [];
  for (const programme of programmes) {
    const episodes = await reader.episodes(programme._id);
    const dates = [programme.updatedAt, ...episodes.map((e) => e.revision.publishedAt)].map((d) => d.getTime());
    const programmeDate = Math.max(...dates);
    newest = Math.max(newest, programmeDate);
    pages.push(urlEntry(absolute(site.publicUrl, programmePath(programme.slug)), new Date(programmeDate)));
    for (const e of episodes) {
      pages.push(urlEntry(absolute(site.publicUrl, episodePath(programme.slug, e.number, e.slug)), e.revision.publishedAt));
    }
  }
  lines.push(
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    urlEntry(absolute(site.publicUrl, "/"), newest ? new Date(newest) : null),
    ...pages,
    "</urlset>",
  );
  return {
    kind: "page",
    type: "application/xml; charset=utf-8",
    body: `${lines.join("\n")}\n`,
    lastModified: newest ? new Date(newest) : null,
  };
}

export function renderRobots(site: Site): Built {
  const body = ["User-agent: *", "Disallow: /atelier/", "Disallow: /api/", "Disallow: /collab/", "", `Sitemap: ${absolute(site.publicUrl, "/sitemap.xml")}`, ""].join("\n");
  return { kind: "page", type: "text/plain; charset=utf-8", body, lastModified: null };
}
