// What runs beside the HTTP app on the same server (collaboration socket, mail queue), in start order.
import type { Attach } from "./server.ts";

export const defaultAttachments: Attach[] = [];
