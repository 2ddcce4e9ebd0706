// Fetches the images a WordPress export points at, bounded in size and time, into the media store; the rest is reported missing.
import { AppError } from "../errors.ts";
import { MAX_IMAGE_BYTES, type StoredImage, storeImage } from "../api/media/images.ts";
import type { MediaStore } from "../api/media/store.ts";

export const FETCH_TIMEOUT_MS = 15_000;

/** The image sources a post's HTML names, as the DOM reads them (WordPress escapes "&" in attributes). */
export function imageSources(content: string): string[] {
  return [...content.matchAll(/<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)].map((m) => (m[1] ?? m[2] ?? "").trim().replaceAll("&amp;", "&"));
}

/** WordPress's resized copies ("photo-300x200.jpg") stand for the uploaded original ("photo.jpg"). */
export const originalOf = (url: string): string => url.replace(/-\d+x\d+(\.[a-z0-9]+)(\?.*)?$/i, "$1");

/** The bytes at a URL, or null when they cannot be had whole within the bounds. */
async function download(url: string): Promise<Buffer | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  try {
    const response = await fetch(parsed, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: "follow" });
    if (!response.ok || !response.body) return null;
    if (Number(response.headers.get("content-length") ?? 0) > MAX_IMAGE_BYTES) return null;
    const parts: Buffer[] = [];
    let size = 0;
    const reader = response.body.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      size += read.value.length;
      if (size > MAX_IMAGE_BYTES) {
        await reader.cancel();
        return null;
      }
      parts.push(Buffer.from(read.value));
    }
    return Buffer.concat(parts);
  } catch {
    return null;
  }
}

export type ImageFetcher = {
  /** Fetches and stores one source (once per URL), null when unreachable, too large or not an image. */
  get(url: string): Promise<StoredImage | null>;
  /** The stored copy of a source already fetched. */
  stored(url: string): StoredImage | null;
};

/** Fetches each source once; an unreachable resized copy falls back to its original among the attachments. */
export function imageFetcher(media: MediaStore, attachments: ReadonlySet<string>): ImageFetcher {
  const done = new Map<string, StoredImage | null>();
  async function fetchOne(url: string): Promise<StoredImage | null> {
    const bytes = await download(url);
    if (!bytes) return null;
    try {
      return await storeImage(bytes, media);
    } catch (error) {
      if (error instanceof AppError) return null;
      throw error;
    }
  }
  return {
    async get(url) {
      if (!done.has(url)) {
        let image = await fetchOne(url);
        const original = originalOf(url);
        if (!image && original !== url && attachments.has(original)) image = await this.get(original);
        done.set(url, image);
      }
      return done.get(url) ?? null;
    },
    stored: (url) => done.get(url) ?? null,
  };
}
