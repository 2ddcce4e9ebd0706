// Sends e-mail through SMTP_URL with nodemailer, or writes .eml files to DATA_DIR/outbox (development default).
import fs from "node:fs";
import path from "node:path";
import type { Transporter } from "nodemailer";
import type { Logger } from "../log.ts";

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  /** A fixed Message-ID ("<…@…>"), so a message sent twice is recognisable as the same one. */
  messageId?: string;
};

/** `signal` abandons a send not yet accepted (the connection is closed, so the server never takes the message). */
export type SendOptions = { signal?: AbortSignal };

export type Mailer = {
  send(message: MailMessage, options?: SendOptions): Promise<{ messageId: string }>;
  /** Loads the transport now: the mail queue calls it before it claims a job, so that the load is not timed by a lease. */
  prepare?(): Promise<void>;
  close(): void;
};

type Nodemailer = typeof import("nodemailer").default;

/** nodemailer (~15 MiB) loads with the first message, not at start: an instance may idle for hours without one. */
function lazyTransport(make: (nodemailer: Nodemailer) => Transporter) {
  let transport: Promise<Transporter> | null = null;
  return {
    get: () => (transport ??= import("nodemailer").then((m) => make(m.default))),
    close: () => void transport?.then((t) => t.close()),
  };
}

export function createMailer(options: { smtpUrl: string | undefined; from: string; outboxDir: string; log: Logger }): Mailer {
  if (options.smtpUrl) {
    // Pooled unless the URL says otherwise: announcing an episode to many readers then pays the SMTP
    // connection and greeting once per connection instead of once per message.
    const url = /[?&]pool=/.test(options.smtpUrl) ? options.smtpUrl : `${options.smtpUrl}${options.smtpUrl.includes("?") ? "&" : "?"}pool=true`;
    const transport = lazyTransport((nodemailer) => nodemailer.createTransport(url));
    return {
      async send(message, sendOptions = {}) {
        const info = await (await transport.get()).sendMail({ from: options.from, ...message, signal: sendOptions.signal });
        return { messageId: String(info.messageId) };
      },
      prepare: async () => void (await transport.get()),
      close: () => transport.close(),
    };
  }
  const transport = lazyTransport((nodemailer) =>
    nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" }),
  );
  return {
    async send(message) {
      const info = await (await transport.get()).sendMail({ from: options.from, ...message });
      fs.mkdirSync(options.outboxDir, { recursive: true });
      const id = String(info.messageId).replace(/[^a-zA-Z0-9._-]/g, "");
      const file = path.join(options.outboxDir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${id}.eml`);
      fs.writeFileSync(file, info.message as Buffer);
      options.log.info({ to: message.to, subject: message.subject, file }, "e-mail écrit dans la boîte d'envoi");
      return { messageId: String(info.messageId) };
    },
    close: () => {},
  };
}
