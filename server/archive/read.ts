// Reads and checks an instance archive before anything is written: entry names, sizes, manifest, every JSON line.
import { unzipSync } from "fflate";
import { MAX_IMAGE_BYTES } from "../api/media/images.ts";
import { AppError, unprocessable } from "../errors.ts";
import type { Doc } from "../store/types.ts";
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, dataEntry, decodeDoc, ENTRY_NAME, INSTANCE_COLLECTIONS, type Manifest } from "./format.ts";

export const MAX_ARCHIVE_BYTES = 2 * 1024 ** 3;
const MAX_DATA_BYTES = 512 * 1024 ** 2;
const MAX_TEXT_BYTES = 16 * 1024 ** 2;
const MAX_ENTRIES = 200_000;

export type ArchiveContent = { manifest: Manifest; data: Map<string, Doc[]>; media: Map<string, Uint8Array> };

export const tooLarge = () => new AppError(413, "archive_too_large", "Archive refusée : elle dépasse 2 Gio.");
const invalid = (message: string) => unprocessable("invalid_archive", `Archive refusée : ${message}`);

function limitOf(name: string): number {
  if (name.startsWith("media/")) return MAX_IMAGE_BYTES;
  if (name.startsWith("data/")) return MAX_DATA_BYTES;
  return MAX_TEXT_BYTES;
}

function unzip(bytes: Uint8Array): Record<string, Uint8Array> {
  let entries = 0;
  try {
    return unzipSync(bytes, {
      // Checked from the central directory, before any entry is inflated.
      filter(file) {
        if (++entries > MAX_ENTRIES) throw invalid("trop de fichiers.");
        if (!ENTRY_NAME.test(file.name)) throw invalid(`nom de fichier interdit « ${file.name.slice(0, 200)} ».`);
        if (file.originalSize > limitOf(file.name))
          throw new AppError(413, "archive_entry_too_large", `Archive refusée : « ${file.name} » dépasse la taille permise.`);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalid(`ce n'est pas un fichier zip complet (${(error as Error).message}).`);
  }
}

function parseManifest(bytes: Uint8Array | undefined): Manifest {
  if (!bytes) throw invalid("manifest.json manque.");
  let m: Partial<Manifest>;
  try {
    m = JSON.parse(Buffer.from(bytes).toString("utf8"));
  } catch {
    throw invalid("manifest.json n'est pas du JSON.");
  }
  if (m?.format !== ARCHIVE_FORMAT || m.version !== ARCHIVE_VERSION) throw invalid("ce n'est pas une archive Carnet de cette version.");
  if (m.kind !== "instance")
    throw invalid("c'est l'archive d'un programme ; seule une sauvegarde de l'instance entière se restaure.");
  if (!Number.isInteger(m.schemaVersion) || typeof m.counts !== "object" || !m.counts || !Array.isArray(m.media))
    throw invalid("manifest.json est incomplet.");
  return m as Manifest;
}

function parseData(name: string, bytes: Uint8Array | undefined, expected: unknown): Doc[] {
  if (!bytes) throw invalid(`${dataEntry(name)} manque.`);
  const lines = Buffer.from(bytes).toString("utf8").split("\n");
  if (lines.pop() !== "") throw invalid(`${dataEntry(name)} est tronqué.`);
  const seen = new Set<string>();
  const docs = lines.map((line, i) => {
    let doc: unknown;
    try {
      doc = decodeDoc(line);
    } catch (error) {
      throw invalid(`${dataEntry(name)}, ligne ${i + 1} : ${(error as Error).message}.`);
    }
    const id = (doc as Doc | null)?._id;
    if (typeof doc !== "object" || doc === null || Array.isArray(doc) || typeof id !== "string" || id.length === 0 || id.length > 300)
      throw invalid(`${dataEntry(name)}, ligne ${i + 1} : un document avec un _id est attendu.`);
    if (seen.has(id)) throw invalid(`${dataEntry(name)} : _id « ${id} » en double.`);
    seen.add(id);
    return doc as Doc;
  });
  if (docs.length !== expected) throw invalid(`${dataEntry(name)} n'a pas le nombre de documents annoncé.`);
  return docs;
}

export function readArchive(bytes: Uint8Array): ArchiveContent {
  if (bytes.byteLength > MAX_ARCHIVE_BYTES) throw tooLarge();
  const files = unzip(bytes);
  const manifest = parseManifest(files["manifest.json"]);
  const known = new Set<string>(INSTANCE_COLLECTIONS);
  for (const name of Object.keys(files))
    if (name.startsWith("data/") && !known.has(name.slice(5, -7))) throw invalid(`${name} n'est pas une collection de Carnet.`);
  const data = new Map(INSTANCE_COLLECTIONS.map((name) => [name, parseData(name, files[dataEntry(name)], manifest.counts[name])]));
  const media = new Map<string, Uint8Array>();
  for (const name of manifest.media) {
    const file = typeof name === "string" ? files[`media/${name}`] : undefined;
    if (!file) throw invalid(`l'image « ${String(name)} » annoncée manque.`);
    media.set(name, file);
  }
  return { manifest, data, media };
}
