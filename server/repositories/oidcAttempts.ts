// Sign-in attempts at an OpenID provider, keyed by the SHA-256 of the browser's attempt cookie; each is taken once.
import type { Store } from "../store/types.ts";

export type OidcAttempt = {
  _id: string;
  provider: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Workspace address to land on afterwards. */
  next: string;
  expiresAt: Date;
};

export function oidcAttemptsRepository(store: Store) {
  const attempts = store.collection<OidcAttempt>("oidc_attempts");
  return {
    insert: (attempt: OidcAttempt) => attempts.insertOne(attempt),
    /** The attempt, removed so that no second callback can use it; null when unknown, used or expired. */
    async take(id: string, at: Date): Promise<OidcAttempt | null> {
      const attempt = await attempts.findOne({ _id: id });
      if (!attempt || (await attempts.deleteOne({ _id: id })) === 0) return null;
      return attempt.expiresAt > at ? attempt : null;
    },
    purgeExpired: (at: Date) => attempts.deleteMany({ expiresAt: { $lte: at } }),
  };
}
export type OidcAttemptsRepository = ReturnType<typeof oidcAttemptsRepository>;
