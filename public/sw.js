// Cupola service worker: offline reading only. Every function of the portal works without it.
// - The app shell (stylesheet, icon, manifest, offline page) is precached at install.
// - Pages are network-first; the last copy of a visited page answers when there is no network.
// - The citizen's own receipts are kept apart from other pages, so browsing never pushes them out.
// - Answers marked no-store (kiosks, staff) and the journey's steps are never kept.
// - Caches carry the release's version (filled in by the server) and old ones go on update.
const VERSION = "__VERSION__";
const SHELL = "cupola-shell-" + VERSION;
const PAGES = "cupola-pages-" + VERSION;
const RECEIPTS = "cupola-receipts-" + VERSION;
const OFFLINE = "/offline.html";
const SHELL_FILES = [OFFLINE, "/app.js", "/offline.css", "/icons/icon.svg", "/manifest.webmanifest", "__CSS__"];
const MAX_PAGES = 30;
const MAX_RECEIPTS = 20;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((c) => c.addAll(SHELL_FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  const current = [SHELL, PAGES, RECEIPTS];
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => !current.includes(k)).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

// Where a response goes, or null when it must not be kept.
function cacheFor(url) {
  const path = url.pathname;
  if (/^\/prenotazioni\/[^/]+(\/stampa|\/qr\.svg)?$/.test(path)) return RECEIPTS;
  if (/^\/(prenota|operatore|chiosco|lingua|api)(\/|$)/.test(path) || path === "/sw.js") return null;
  if (/\/(annulla|sposta)/.test(path)) return null;
  return PAGES;
}

async function keep(name, key, response, max) {
  const cache = await caches.open(name);
  await cache.put(key, response);
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - max))) await cache.delete(old);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (SHELL_FILES.includes(url.pathname) || url.pathname.startsWith("/static/")) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
    return;
  }
  const name = cacheFor(url);
  // A receipt is kept under its address without the query (?confermata after booking).
  const key = name === RECEIPTS ? url.origin + url.pathname : request;
  event.respondWith(
    fetch(request)
      .then((response) => {
        const noStore = /no-store/.test(response.headers.get("Cache-Control") || "");
        if (name && response.ok && !noStore && !response.redirected) {
          event.waitUntil(keep(name, key, response.clone(), name === RECEIPTS ? MAX_RECEIPTS : MAX_PAGES));
        }
        return response;
      })
      .catch(() =>
        caches.match(key, { ignoreVary: true }).then(
          (hit) => hit || (request.mode === "navigate" ? caches.match(OFFLINE) : Response.error())
        )
      )
  );
});
