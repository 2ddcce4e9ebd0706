// `export --out FILE` and `import --in FILE`: the whole instance to an archive, and an archive into an empty store.
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import { MAX_ARCHIVE_BYTES, readArchive, tooLarge } from "../archive/read.ts";
import { restoreArchive } from "../archive/restore.ts";
import { writeArchive } from "../archive/write.ts";
import type { Context } from "../context.ts";
import { badRequest } from "../errors.ts";

type Options = Record<string, string | boolean | undefined>;

const file = (o: Options, name: string): string => {
  const value = o[name];
  if (typeof value !== "string" || value === "") throw badRequest("invalid_input", `--${name} FICHIER est requis`);
  return value;
};

export const archiveCommands = {
  export: {
    summary: "sauvegarde toute l'instance dans une archive (zip, avec les empreintes des mots de passe)",
    usage: "--out FICHIER.zip",
    async run(ctx: Context, o: Options) {
      const out = file(o, "out");
      const started = performance.now();
      // Written beside then renamed: an interrupted export never leaves a file that looks whole.
      const partial = `${out}.partial`;
      await writeArchive(ctx.store, ctx.config.dataDir, { kind: "instance" }, createWriteStream(partial, { mode: 0o600 }));
      await fs.rename(partial, out);
      const bytes = (await fs.stat(out)).size;
      const ms = Math.round(performance.now() - started);
      return { text: `Archive écrite : ${out} (${bytes} octets, ${ms} ms).`, json: { file: out, bytes, ms } };
    },
  },
  import: {
    summary: "restaure une sauvegarde de l'instance dans un stockage vide",
    usage: "--in FICHIER.zip",
    async run(ctx: Context, o: Options) {
      const path = file(o, "in");
      const started = performance.now();
      const stat = await fs.stat(path).catch(() => null);
      if (!stat?.isFile()) throw badRequest("file_not_found", `Fichier « ${path} » introuvable.`);
      if (stat.size > MAX_ARCHIVE_BYTES) throw tooLarge();
      const counts = await restoreArchive(ctx.store, ctx.config.dataDir, readArchive(await fs.readFile(path)));
      const ms = Math.round(performance.now() - started);
      const summary = Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(", ");
      return { text: `Archive restaurée (${ms} ms) : ${summary}.`, json: { counts, ms } };
    },
  },
};
