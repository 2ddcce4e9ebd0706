// The client's address: X-Forwarded-For is believed only from the proxies named in TRUST_PROXY (none by default).
import type http from "node:http";
import proxyAddr from "proxy-addr";

/** Whether the hop at `address` is a proxy whose X-Forwarded-For is believed; also Express's `trust proxy`. */
export type TrustProxy = (address: string, hop: number) => boolean;

const compiled = new WeakMap<readonly string[], TrustProxy>();

/** The trust function of a TRUST_PROXY list (addresses, subnets, or `loopback`, `linklocal`, `uniquelocal`). */
export function trustProxy(proxies: readonly string[]): TrustProxy {
  let trust = compiled.get(proxies);
  if (!trust) {
    trust = proxyAddr.compile([...proxies]);
    compiled.set(proxies, trust);
  }
  return trust;
}

/** The one client address the app, the rate limits and the collaboration socket all count. */
export function clientIp(req: http.IncomingMessage, proxies: readonly string[]): string {
  return proxyAddr(req, trustProxy(proxies));
}
