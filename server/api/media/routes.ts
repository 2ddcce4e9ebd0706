// POST /api/episodes/:episodeId/images (the team uploads an image into a body) and the /media files.
import path from "node:path";
import express, { type RequestHandler } from "express";
import type { Context } from "../../context.ts";
import { AppError, } from "../../errors.ts";
import { authorize } from "../../services/guard.ts";
import type { ApiRoutes } from "../../http/routes.ts";
import { MAX_IMAGE_BYTES, storeImage } from "./images.ts";
import { bucketMediaStore, fileMediaStore, type MediaStore } from "./store.ts";

/** In the database when it is MongoDB (every instance reads it), else in the data folder. */
export const mediaStoreFor = (ctx: Context): MediaStore =>
  ctx.store.bucket ? bucketMediaStore(ctx.store.bucket("media")) : fileMediaStore(path.join(ctx.config.dataDir, "media"));

const rawBody = express.raw({ type: () => true, limit: MAX_IMAGE_BYTES });

/** Reads the upload as bytes, with our own message when it is too large. */
const readUpload: RequestHandler = (req, res, next) => {
  rawBody(req, res, (error?: unknown) => {
    const type = (error as { type?: string } | undefined)?.type;
    if (type === "entity.too.large") return next(new AppError(413, "image_too_large", "L'image dépasse la taille maximale de 10 Mo."));
    next(error);
  });
};

export function registerMediaRoutes(routes: ApiRoutes, ctx: Context, media: MediaStore = mediaStoreFor(ctx)): void {
  // Access is checked before the body is read: nobody else gets to send us 10 MB.
  const allowed: RequestHandler = async (req, _res, next) => {
    try {
      const episode = await ctx.services.episodes.visible(req.actor, req.params.episodeId);
      authorize(req.actor, "episode.edit", { programmeId: episode.programmeId });
      next();
    } catch (error) {
      next(error);
    }
  };

  routes.post("/episodes/:episodeId/images", allowed, readUpload, async (req, res) => {
    // A JSON or form body was already parsed by the app: that is not an image.
    if (!Buffer.isBuffer(req.body))
      throw new AppError(400, "invalid_upload", "Envoyez le fichier image lui-même comme corps de la requête.");
    res.status(201).json({ image: await storeImage(req.body, media) });
  });
}

/** Serves stored media. */
export function mediaFiles(ctx: Context, media: MediaStore = mediaStoreFor(ctx)): express.Handler {
  return media.serve;
}
