// The shape of what runs beside the HTTP app on the same server and stops with it (see server/attachments.ts).
import type http from "node:http";
import type { Context } from "./context.ts";

export type Attachment = { close(): Promise<void> };
export type Attach = (ctx: Context, server: http.Server) => Attachment | Promise<Attachment>;
