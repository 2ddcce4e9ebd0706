// Random identifiers and secret tokens.
import { createHash, randomBytes } from "node:crypto";

/** The shape of every id: 24 hex characters. */
export const ID_PATTERN = /^[a-f0-9]{24}$/;

/** A 24-hex-character random id, safe in URLs and room names. */
export const newId = (): string => randomBytes(12).toString("hex");

/** A secret for links and session cookies (256 bits, URL-safe). */
export const newToken = (): string => randomBytes(32).toString("base64url");

/** What the store keeps of a secret token: its SHA-256, so a leaked database leaks no live token. */
export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");
