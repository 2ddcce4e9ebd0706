// `carnet import:wordpress --programme SLUG --file export.xml`: reads the file as it streams and prints the import's report.
import { createReadStream } from "node:fs";
import { mediaStoreFor } from "../api/media/routes.ts";
import type { Context } from "../context.ts";
import { badRequest, notFound } from "../errors.ts";
import { type WordpressReport, wordpressImporter } from "../wordpress/import.ts";

/** The report as a person reads it at the end of the run. */
function describe(r: WordpressReport): string {
  const lines = [
    `Épisodes importés : ${r.imported.length}${r.imported.map((e) => `\n  #${e.number} ${e.title}`).join("")}`,
    `Éléments ignorés : ${r.skipped.length}${r.skipped.map((s) => `\n  ${s.title || s.wordpressId} — ${s.reason}`).join("")}`,
    `Commentaires importés : ${r.comments.imported} (ignorés : ${r.comments.skipped})`,
    `Thèmes ajoutés : ${r.themes.added.join(", ") || "aucun"}${r.themes.leftOut.length ? ` ; laissés de côté (limite atteinte) : ${r.themes.leftOut.join(", ")}` : ""}`,
    `Images manquantes : ${r.missingImages.length}${r.missingImages.map((m) => `\n  ${m.src} (article ${m.wordpressId})`).join("")}`,
  ];
  return lines.join("\n");
}

/** The importer on this context's store, services and media. */
export const wordpressImporterFor = (ctx: Context) =>
  wordpressImporter({
    repos: ctx.repos,
    events: ctx.events,
    documentChanges: ctx.services.documentChanges,
    themes: ctx.services.themes,
    media: mediaStoreFor(ctx),
  });

export const importWordpressCommand = {
  summary: "importe un export WordPress (WXR) dans un programme",
  usage: "--programme ADRESSE --file export.xml",
  async run(ctx: Context, o: Record<string, string | boolean | undefined>) {
    const slug = typeof o.programme === "string" ? o.programme : "";
    const file = typeof o.file === "string" ? o.file : "";
    if (!file) throw badRequest("invalid_input", "file : indiquez le fichier d'export WordPress (--file export.xml)");
    const programme = (await ctx.repos.programmes.bySlug(slug)) ?? (await ctx.repos.programmes.byId(slug));
    if (!programme) throw notFound(`Programme « ${slug} »`);
    const stream = createReadStream(file, { encoding: "utf8" });
    const opened = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      stream.once("readable", () => resolve(null));
      stream.once("error", resolve);
    });
    if (opened) throw notFound(`Fichier « ${file} »`);
    const report = await wordpressImporterFor(ctx).run(programme, stream);
    return { text: describe(report), json: { report } };
  },
};
