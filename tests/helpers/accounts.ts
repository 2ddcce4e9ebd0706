// Test helpers for accounts: reading the .eml outbox, and making invitation and reset links directly.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import type { Context } from "../../server/context.ts";
import type { Role } from "../../server/domain/types.ts";
import type { TokenRecord } from "../../server/repositories/tokens.ts";
import { hashToken, newToken } from "../../server/store/ids.ts";
import { eventually } from "./eventually.ts";

type Parsed = { to?: { text: string } | { text: string }[]; subject?: string; text?: string };
// mailparser ships no types: the little used here is typed by hand.
const { simpleParser } = createRequire(import.meta.url)("mailparser") as { simpleParser: (source: Buffer) => Promise<Parsed> };

export type SentMail = { to: string; subject: string; text: string; file: string };

/** Every message the mailer wrote to DATA_DIR/outbox, oldest first. */
export async function readOutbox(dataDir: string): Promise<SentMail[]> {
  const dir = path.join(dataDir, "outbox");
  if (!fs.existsSync(dir)) return [];
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".eml")).sort();
  return await Promise.all(
    files.map(async (f) => {
      const file = path.join(dir, f);
      const mail = await simpleParser(fs.readFileSync(file));
      const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(", ") : (mail.to?.text ?? "");
      return { to, subject: mail.subject ?? "", text: mail.text ?? "", file };
    }),
  );
}

/** Messages of the outbox not in `seen`, which then holds them too. */
export async function unreadMail(dataDir: string, seen: Set<string>): Promise<SentMail[]> {
  const mails = (await readOutbox(dataDir)).filter((m) => !seen.has(m.file));
  for (const m of mails) seen.add(m.file);
  return mails;
}

/** Waits for a message to an address (some are sent after the HTTP answer); fails after a while. */
export async function waitForMail(dataDir: string, to: string, count = 1): Promise<SentMail[]> {
  return await eventually(`${count} message(s) pour ${to} dans la boîte d'envoi`, async () => {
    const mails = (await readOutbox(dataDir)).filter((m) => m.to.toLowerCase().includes(to.toLowerCase()));
    return mails.length >= count ? mails : null;
  });
}

/** The token at the end of a link of the given path in a message, e.g. "/atelier/invitation/". */
export function tokenIn(text: string, linkPath: string): string {
  const match = text.match(new RegExp(`${linkPath.replace(/\//g, "\\/")}([A-Za-z0-9_-]+)`));
  if (!match?.[1]) throw new Error(`pas de lien ${linkPath} dans : ${text}`);
  return match[1];
}

/** Stores an unused link with the given fields (the rest empty) and returns its token. */
async function storeLink(ctx: Context, fields: Pick<TokenRecord, "kind" | "email" | "expiresAt"> & Partial<TokenRecord>): Promise<string> {
  const token = newToken();
  const empty = { userId: null, programmeId: null, role: null, territoryId: null, createdBy: null, usedAt: null };
  await ctx.repos.tokens.insert({ ...empty, createdAt: new Date(), ...fields, _id: hashToken(token) });
  return token;
}

/** An unused invitation link, stored as the invitation service stores them. */
export function buildInvitationLink(
  ctx: Context,
  input: { programmeId: string; email: string; role: Role; expiresAt?: Date; territoryId?: string },
): Promise<string> {
  return storeLink(ctx, {
    kind: "invitation",
    email: input.email.toLowerCase(),
    programmeId: input.programmeId,
    role: input.role,
    territoryId: input.territoryId ?? null,
    expiresAt: input.expiresAt ?? new Date(Date.now() + 7 * 24 * 3600 * 1000),
  });
}

/** An unused password reset link for a user. */
export function buildResetLink(ctx: Context, user: { _id: string; email: string }, expiresAt?: Date): Promise<string> {
  return storeLink(ctx, {
    kind: "password_reset",
    email: user.email,
    userId: user._id,
    expiresAt: expiresAt ?? new Date(Date.now() + 3600 * 1000),
  });
}

/** The `name=value` of the session cookie a response sets, or undefined. */
export function sessionFrom(setCookie: string | string[] | undefined): string | undefined {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = all.find((c) => /^(__Host-)?carnet_session=[^;]+/.test(c));
  return found?.split(";")[0];
}
