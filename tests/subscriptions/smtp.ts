// A real SMTP server on 127.0.0.1 for the subscription tests: keeps every accepted message, parsed by mailparser.
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { eventually } from "../helpers/eventually.ts";

export type Received = {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Map<string, unknown>;
  /** A raw header's value, unfolded, by lower-case name. */
  header(name: string): string | undefined;
};

type Parsed = {
  to?: { text: string } | { text: string }[];
  subject?: string;
  text?: string;
  html?: string | false;
  messageId?: string;
  headers: Map<string, unknown>;
  headerLines: { key: string; line: string }[];
};
// mailparser ships no types: the little used here is typed by hand.
const { simpleParser } = createRequire(import.meta.url)("mailparser") as {
  simpleParser: (source: Buffer) => Promise<Parsed>;
};

/** What to answer a message (before it is accepted): null accepts, a number refuses with that SMTP code. */
export type Verdict = (n: number) => number | null | "hold";

export type TestSmtp = {
  url: string;
  received: Received[];
  /** Messages refused so far. */
  refused: number;
  to(address: string): Received[];
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

export async function startSmtp(options: { verdict?: Verdict; onAccepted?: (count: number) => void } = {}): Promise<TestSmtp> {
  let seen = 0;
  const held: (() => void)[] = [];
  const state: TestSmtp = {
    url: "",
    received: [],
    refused: 0,
    to: (address) => state.received.filter((m) => m.to.toLowerCase() === address.toLowerCase()),
    async waitFor(count, timeoutMs = 30_000) {
      await eventually(`${count} messages reçus`, () => state.received.length >= count, { timeoutMs });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const release of held) release();
        server.close(() => resolve());
      }),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    banner: "carnet-test",
    disableReverseLookup: true,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const verdict = options.verdict?.(++seen) ?? null;
        if (verdict === "hold") {
          // Never answered: the sender is waiting for acceptance (the test kills it meanwhile).
          held.push(() => {
            try {
              callback(Object.assign(new Error("arrêt"), { responseCode: 421 }));
            } catch {
              // The sender is gone already.
            }
          });
          return;
        }
        if (verdict !== null) {
          state.refused++;
          callback(Object.assign(new Error("Service temporairement indisponible"), { responseCode: verdict }));
          return;
        }
        const mail = await simpleParser(Buffer.concat(chunks));
        const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(", ") : (mail.to?.text ?? "");
        state.received.push({
          to,
          subject: mail.subject ?? "",
          text: mail.text ?? "",
          html: mail.html || "",
          messageId: mail.messageId ?? "",
          headers: mail.headers,
          header: (name) => {
            const line = mail.headerLines.find((h) => h.key === name)?.line;
            return line?.slice(line.indexOf(":") + 1).replace(/\r?\n[ \t]+/g, " ").trim();
          },
        });
        callback();
        options.onAccepted?.(state.received.length);
      });
    },
  });
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  state.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return state;
}

/** The token at the end of a link of the given path in a message text. */
export function linkToken(text: string, linkPath: string): string {
  const match = text.match(new RegExp(`${linkPath.replace(/\//g, "\\/")}([A-Za-z0-9_.-]+)`));
  if (!match?.[1]) throw new Error(`pas de lien ${linkPath} dans : ${text}`);
  return match[1];
}
