// Vite plugin: writes a brotli (.br) and a gzip (.gz) copy beside every built text asset (client/dist/assets), so the server sends them without compressing per request.
import fs from "node:fs/promises";
import path from "node:path";
import zlib from "node:zlib";
import type { Plugin } from "vite";

const TEXT = /\.(js|css|svg|json|webmanifest)$/;

async function compressFile(file: string): Promise<void> {
  const body = await fs.readFile(file);
  const brotli = zlib.brotliCompressSync(body, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
  await fs.writeFile(`${file}.br`, brotli);
  await fs.writeFile(`${file}.gz`, zlib.gzipSync(body, { level: zlib.constants.Z_BEST_COMPRESSION }));
}

export function precompress(): Plugin {
  let assets = "";
  return {
    name: "carnet-precompress",
    apply: "build",
    configResolved(config) {
      assets = path.resolve(config.root, config.build.outDir, "assets");
    },
    async closeBundle() {
      const files = await fs.readdir(assets);
      await Promise.all(files.filter((f) => TEXT.test(f)).map((f) => compressFile(path.join(assets, f))));
    },
  };
}
