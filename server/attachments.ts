// What runs beside the HTTP app on the same server (collaboration socket, mail queue), in start order.
import { collabAttachment } from "../collab/server/index.ts";
import type { Attach } from "./server.ts";
import { attachCommentNotifications } from "./services/commentNotifications.ts";
import { mailQueueAttachment } from "./mail/queue.ts";

export const defaultAttachments: Attach[] = [mailQueueAttachment(), attachCommentNotifications, collabAttachment];
