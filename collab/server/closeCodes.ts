// The close codes the collaboration socket uses; 44xx tell the stock client not to reconnect, 45xx to retry.
export const CloseCode = {
  /** Server shutting down: the client retries. */
  GOING_AWAY: 1001,
  /** ws closes a frame above the configured maximum with this code itself. */
  MESSAGE_TOO_BIG: 1009,
  /** A message could not be decoded or applied. */
  MALFORMED_MESSAGE: 4400,
  /** The session behind the socket ended (sign-out, expiry, deactivated account). */
  SESSION_ENDED: 4401,
  /** The user lost the right to this document (membership removed, episode status changed). */
  ACCESS_REVOKED: 4403,
  /** The connection sent more updates waiting on missing structures than a room may hold; they were dropped. */
  PENDING_OVERFLOW: 4413,
  /** An update the document must not hold (too large, too deep, a foreign type or node): refused, nothing stored. */
  UPDATE_REFUSED: 4422,
  /** The keepalive ping went unanswered. */
  KEEPALIVE_TIMEOUT: 4408,
  /** The store refused a write: nothing was relayed; the client resends on reconnect. */
  STORE_FAILED: 4500,
  /** The room was reset after a failure; reconnecting loads it again from the store. */
  ROOM_RESET: 4503,
  /** The client does not read what it is sent fast enough. */
  TOO_SLOW: 4509,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
