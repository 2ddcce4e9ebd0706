// Review-thread fixtures: a body text written with a fixed writer id, so one anchor fits every episode given that text.
import * as Y from "yjs";
import { type Anchor, anchorIn } from "../../collab/review/anchors.ts";
import { episodeRoom } from "../../collab/schema/rooms.ts";
import type { Context } from "../../server/context.ts";
import type { ReviewComment } from "../../server/domain/reviews.ts";
import type { Episode } from "../../server/domain/types.ts";
import { newId } from "../../server/store/ids.ts";

const WRITER = 4242;
export const REVIEW_TEXT = "Un passage à relire dans le texte de l'épisode.";

/** Adds REVIEW_TEXT as a last paragraph: the same items (same ids) in every episode it is added to, once each. */
function addText(doc: Y.Doc): Y.XmlText {
  const root = doc.get("root", Y.XmlText);
  const paragraph = new Y.XmlText();
  root.insertEmbed(root.length, paragraph);
  paragraph.insert(0, REVIEW_TEXT);
  return paragraph;
}

export async function writeReviewText(ctx: Context, episodeId: string): Promise<void> {
  const doc = new Y.Doc();
  doc.clientID = WRITER;
  Y.applyUpdate(doc, (await ctx.repos.docs.load(episodeRoom(episodeId))).update);
  const before = Y.encodeStateVector(doc);
  addText(doc);
  await ctx.repos.docs.append(episodeRoom(episodeId), Y.encodeStateAsUpdate(doc, before));
}

/** An anchor on `passage` of REVIEW_TEXT, valid in every episode given writeReviewText. */
export function reviewAnchor(passage = "passage à relire"): Anchor {
  const doc = new Y.Doc();
  doc.clientID = WRITER;
  const paragraph = addText(doc);
  const at = REVIEW_TEXT.indexOf(passage);
  return anchorIn(paragraph, at, paragraph, at + passage.length, passage);
}

/** A thread stored on the episode (which must hold the review text), by `authorId`. */
export async function buildReviewThread(ctx: Context, episode: Episode, authorId: string, overrides: Partial<ReviewComment> = {}) {
  return await ctx.repos.reviews.insert({
    _id: newId(),
    episodeId: episode._id,
    programmeId: episode.programmeId,
    threadId: null,
    authorId,
    authorName: "Auteur du fil",
    authorTerritory: null,
    body: "Ce passage est à revoir.",
    anchor: reviewAnchor(),
    resolvedAt: null,
    resolvedBy: null,
    createdAt: new Date(),
    ...overrides,
  });
}
