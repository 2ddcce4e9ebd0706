// Walks a provider sign-in over plain HTTP, as a browser would (cookies, redirects, the provider's login form), for API tests.
import assert from "node:assert/strict";

type Jar = Map<string, string>;

function keep(jar: Jar, res: Response): void {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const at = pair!.indexOf("=");
    jar.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
}

async function step(jar: Jar, url: string, init: RequestInit = {}): Promise<Response> {
  const cookie = [...jar].filter(([, v]) => v !== "").map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(url, { ...init, redirect: "manual", headers: { ...init.headers, ...(cookie ? { cookie } : {}) } });
  keep(jar, res);
  return res;
}

let flows = 0;

/** Signs `login` in through the provider `providerId` of the Carnet at `carnetUrl`; returns the session cookie ("name=value"). */
export async function signInThroughProvider(carnetUrl: string, providerId: string, login: string): Promise<string> {
  const carnet: Jar = new Map();
  const provider: Jar = new Map();
  // Each walk from its own address (tests trust loopback's X-Forwarded-For), so that per-address limits never meet.
  const n = ++flows;
  let res = await step(carnet, `${carnetUrl}/auth/oidc/${providerId}`, { headers: { "x-forwarded-for": `10.9.${(n >> 8) & 255}.${n & 255}` } });
  let location = res.headers.get("location");
  // Through the provider (authorization, its login form, resumption) until it sends the browser back to Carnet.
  for (let hops = 0; location && !location.startsWith(carnetUrl); hops++) {
    assert.ok(hops < 10, "le fournisseur renvoie sans fin");
    const url = new URL(location, res.url).href;
    res = await step(provider, url);
    const uid = /\/interaction\/([^/?]+)$/.exec(url)?.[1];
    if (uid && res.status === 200) {
      const form = new URLSearchParams({ prompt: "login", login, password: "peu importe" });
      res = await step(provider, url, { method: "POST", body: form, headers: { "content-type": "application/x-www-form-urlencoded" } });
    }
    location = res.headers.get("location");
  }
  assert.ok(location, `pas de retour vers Carnet (${res.status})`);
  res = await step(carnet, location);
  assert.equal(res.status, 303, `rappel refusé : ${res.status}`);
  const session = [...carnet].find(([name, value]) => name.includes("carnet_session") && value);
  assert.ok(session, "pas de cookie de session");
  return `${session[0]}=${session[1]}`;
}
