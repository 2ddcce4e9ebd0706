// Characters refused in text people write: shared by the API's validation and the titles read from shared documents.

/**
 * NUL, C0 and C1 controls (line breaks and tabs aside where text has lines), and the bidirectional embeddings, overrides
 * and isolates (U+202A–U+202E, U+2066–U+2069) that make a name or title read as something else.
 */
export function refusedChar(code: number, newlines: boolean): boolean {
  if (code <= 0x1f) return !(newlines && (code === 0x09 || code === 0x0a || code === 0x0d));
  return (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}
