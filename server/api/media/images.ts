// Checks an uploaded image from its bytes, then re-encodes it (no metadata left) into resized WebP variants.
import { createHash } from "node:crypto";
import type { Metadata, OutputInfo } from "sharp";
import { AppError } from "../../errors.ts";
import type { MediaStore } from "./store.ts";

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** Larger than any camera photo we expect; refuses small files that decode to huge bitmaps. */
export const MAX_IMAGE_PIXELS = 50_000_000;
export const VARIANT_WIDTHS = [640, 1280] as const;

type Format = "jpeg" | "png" | "webp" | "gif";

/** The format the first bytes announce, whatever the file name or declared type say. */
export function sniffFormat(bytes: Buffer): Format | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "png";
  if (bytes.length >= 6 && (bytes.toString("latin1", 0, 6) === "GIF87a" || bytes.toString("latin1", 0, 6) === "GIF89a")) return "gif";
  if (bytes.length >= 12 && bytes.toString("latin1", 0, 4) === "RIFF" && bytes.toString("latin1", 8, 12) === "WEBP") return "webp";
  return null;
}

const unsupported = () =>
  new AppError(415, "unsupported_image", "Ce fichier n'est pas une image acceptée : envoyez un JPEG, un PNG, un WebP ou un GIF.");
const unreadable = () => new AppError(422, "unreadable_image", "Cette image est illisible ou endommagée.");
const tooManyPixels = () =>
  new AppError(422, "image_too_large_in_pixels", "Cette image a trop de pixels (50 millions au plus).");

export type StoredImage = {
  src: string;
  width: number;
  height: number;
  variants: { src: string; width: number; height: number; type: "image/webp" }[];
};

export async function storeImage(bytes: Buffer, media: MediaStore): Promise<StoredImage> {
  if (bytes.length === 0) throw new AppError(400, "empty_upload", "Aucun fichier reçu.");
  if (bytes.length > MAX_IMAGE_BYTES) throw new AppError(413, "image_too_large", "L'image dépasse la taille maximale de 10 Mo.");
  const sniffed = sniffFormat(bytes);
  if (!sniffed) throw unsupported();
  const options = { limitInputPixels: MAX_IMAGE_PIXELS, animated: sniffed === "gif" || sniffed === "webp" };
  // Loaded on the first upload: libvips costs ~25 MiB that an idle instance does not need.
  const { default: sharp } = await import("sharp");
  let meta: Metadata;
  try {
    meta = await sharp(bytes, options).metadata();
  } catch (error) {
    throw /pixel limit/i.test(String(error)) ? tooManyPixels() : unreadable();
  }
  if (meta.format !== sniffed) throw unsupported();
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  if (!width || !height) throw unreadable();
  if (width * height * (meta.pages ?? 1) > MAX_IMAGE_PIXELS) throw tooManyPixels();

  const widths = [...new Set(VARIANT_WIDTHS.map((w) => Math.min(w, width)))];
  const variants: StoredImage["variants"] = [];
  for (const target of widths) {
    let output: { data: Buffer; info: OutputInfo };
    try {
      // rotate() applies the EXIF orientation; without withMetadata() sharp writes no EXIF, GPS or XMP.
      output = await sharp(bytes, options)
        .rotate()
        .resize({ width: target, withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer({ resolveWithObject: true });
    } catch (error) {
      throw /pixel limit/i.test(String(error)) ? tooManyPixels() : unreadable();
    }
    const hash = createHash("sha256").update(output.data).digest("hex").slice(0, 32);
    const src = await media.put(`${hash}-${output.info.width}.webp`, output.data);
    variants.push({ src, width: output.info.width, height: output.info.pageHeight ?? output.info.height, type: "image/webp" });
  }
  const main = variants[variants.length - 1]!;
  return { src: main.src, width: main.width, height: main.height, variants };
}
