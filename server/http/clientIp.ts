// The client's address as Express sees it: X-Forwarded-For is believed only from a proxy on this machine.
import type http from "node:http";
import proxyAddr from "proxy-addr";

/** The `trust proxy` setting of the app, shared with the collaboration socket so both count the same client. */
export const TRUST_PROXY = "loopback";

const trusted = proxyAddr.compile(TRUST_PROXY);

export function clientIp(req: http.IncomingMessage): string {
  return proxyAddr(req, trusted);
}
