/* global self, caches, fetch, URL, __PHONE_PAGES__, __SHELL_ASSETS__ */
/**
 * The phone app's service worker, written to dist/web/sw.js by the build
 * (vite.config.ts fills in the three __NAMES__). It keeps the shell —
 * phone.html and every file of the phone app, precached on the first visit —
 * so a phone page opens without a connection; the union a join page shows is
 * kept from its last visit so the form can be filled offline (the page's
 * outbox sends it later). Only phone pages are answered from the cache: the
 * staff console, API writes and everything else go to the network untouched.
 */
const CACHE = 'lianxin-phone-__VERSION__';
const SHELL = '/__PHONE_HTML__';
const PHONE_PAGES = __PHONE_PAGES__;
const PRECACHE = [SHELL, '/phone.webmanifest', '/icons/phone-192.png', ...__SHELL_ASSETS__];
/** Public reads a phone form needs to open offline: network first, the last answer when there is none. */
const KEPT_READS = /^\/api\/public\/unions\/\d+$/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('lianxin-phone-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

/** The network's answer, kept under `key` when it is good; the kept one when the network fails. */
async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(key);
    if (kept) return kept;
    throw error;
  }
}

/** Hashed files never change: the kept copy, else the network's, kept. */
async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    if (PHONE_PAGES.test(url.pathname)) event.respondWith(networkFirst(request, SHELL));
  } else if (PRECACHE.includes(url.pathname)) {
    // The phone app's own files only: the console's assets are not the worker's to keep.
    event.respondWith(cacheFirst(request));
  } else if (KEPT_READS.test(url.pathname)) {
    event.respondWith(networkFirst(request, request));
  }
});
