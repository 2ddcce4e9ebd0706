// The offline worker of /atelier/: keeps the application shell and the signed-in person's own lists and episodes, for use without a connection.
type ExtendableEvent = Event & { waitUntil(work: Promise<unknown>): void };
type FetchEvent = ExtendableEvent & { request: Request; respondWith(response: Promise<Response>): void };
type WorkerScope = {
  addEventListener(type: "install" | "activate", listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
};

const worker = self as unknown as WorkerScope;
const SHELL = "carnet-shell";
const DATA = "carnet-data";
const SHELL_PAGE = "/atelier/";
// Only what lists the person's programmes and opens their episodes: never members, accounts or moderation.
const GONE = new Set([401, 403, 404]);
const PERSONAL_DATA = /^\/api\/(me|programmes\/[^/]+(\/episodes)?|episodes\/[^/]+)$/;

worker.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.add(SHELL_PAGE))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener("activate", (event) => {
  event.waitUntil(worker.clients.claim());
});

/** The network's answer, kept under `key` when good; the kept one when the network cannot be reached. */
async function networkFirst(request: Request, cacheName: string, key: Request | string): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok) await (await caches.open(cacheName)).put(key, response.clone());
    // No longer signed in or no longer allowed: the kept copy must not outlive the access.
    else if (GONE.has(response.status)) await (await caches.open(cacheName)).delete(key);
    return response;
  } catch (error) {
    const kept = await caches.match(key, { cacheName });
    if (kept) return kept;
    throw error;
  }
}

/** Hashed assets never change: the kept copy, else the network's (then kept). */
async function cacheFirst(request: Request): Promise<Response> {
  const kept = await caches.match(request, { cacheName: SHELL });
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await (await caches.open(SHELL)).put(request, response.clone());
  return response;
}

worker.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== worker.location.origin) return;
  if (request.mode === "navigate" && url.pathname.startsWith(SHELL_PAGE)) {
    event.respondWith(networkFirst(request, SHELL, SHELL_PAGE));
  } else if (url.pathname.startsWith("/atelier/assets/")) {
    event.respondWith(cacheFirst(request));
  } else if (PERSONAL_DATA.test(url.pathname) && !url.search) {
    event.respondWith(networkFirst(request, DATA, request));
  }
});
