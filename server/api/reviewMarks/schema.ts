// Request bodies of the review marks API.
import { z } from "zod";
import { REVIEW_MARK_COMMENT_MAX } from "../../domain/reviewMarks.ts";
import { text } from "../../http/validate.ts";

export const markReadBody = z
  .object({ comment: text({ newlines: true }).trim().max(REVIEW_MARK_COMMENT_MAX, "le commentaire est trop long").optional() })
  .strict();
