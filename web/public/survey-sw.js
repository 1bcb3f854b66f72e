/*
 * Service worker of the citizen survey form (scope /s/), written by hand: it must stay small and its
 * behaviour obvious. It keeps the form usable with no network:
 *
 *  - navigations under /s/ → network first; offline → the cached app shell (index.html);
 *  - /assets/* (hashed, immutable) → cache first, stored on first use;
 *  - GET /api/s/:token (the form) and its manifest → network first, cached copy offline;
 *  - the page posts {type:'cache-urls', urls} for what it loaded before this worker took control;
 *  - Background Sync 'survey-outbox' → sends the queued responses from IndexedDB (the same outbox the
 *    page uses, web/src/survey-form/store.ts), idempotently: each carries its response UUID.
 *
 * Everything else (the officials' workspace, other API calls) is never touched.
 */
const VERSION = 'survey-v1';
const SHELL = '/s/__shell__';
const DB_NAME = 'openpapi-survey';
const DB_VERSION = 1;

self.addEventListener('install', (event) => {
  event.waitUntil(self.skipWaiting());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('survey-') && key !== VERSION) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

const sameOrigin = (url) => url.origin === self.location.origin;
const isFormApi = (url) => /^\/api\/s\/[A-Za-z0-9_-]+(\/manifest\.webmanifest)?$/.test(url.pathname);

async function put(request, response) {
  if (response?.ok && response.type === 'basic') {
    const cache = await caches.open(VERSION);
    await cache.put(request, response.clone());
  }
  return response;
}

async function networkFirst(request, cacheKey) {
  try {
    const response = await fetch(request);
    if (response.ok) await put(cacheKey || request, response);
    return response;
  } catch (err) {
    const cached = await caches.match(cacheKey || request, { ignoreVary: true });
    if (cached) return cached;
    throw err;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  return put(request, await fetch(request));
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (!sameOrigin(url)) return;
  if (request.mode === 'navigate' && url.pathname.startsWith('/s/')) {
    // Every /s/<token> page is the same index.html: cache it under one key.
    event.respondWith(networkFirst(request, SHELL));
  } else if (url.pathname.startsWith('/assets/') || /^\/survey-icon-\d+\.png$/.test(url.pathname)) {
    event.respondWith(cacheFirst(request));
  } else if (isFormApi(url)) {
    event.respondWith(networkFirst(request));
  }
});

self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type === 'cache-urls' && Array.isArray(data.urls)) {
    event.waitUntil(
      (async () => {
        const cache = await caches.open(VERSION);
        await Promise.all(
          data.urls.map(async (u) => {
            const url = new URL(u, self.location.origin);
            if (!sameOrigin(url)) return;
            const isPage = url.pathname.startsWith('/s/') && !url.pathname.startsWith('/s/__');
            const key = isPage ? SHELL : url.pathname + url.search;
            if (!isPage && (await cache.match(key))) return;
            try {
              const res = await fetch(url.href, { credentials: 'same-origin' });
              if (res.ok) await cache.put(key, res);
            } catch {
              // Offline already: nothing to add now.
            }
          }),
        );
        if (event.source) event.source.postMessage({ type: 'cached' });
      })(),
    );
  }
});

// ------------------------------------------------------------------------------------------ outbox

function openDb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      db.createObjectStore('forms', { keyPath: 'token' });
      db.createObjectStore('drafts', { keyPath: 'token' });
      db.createObjectStore('outbox', { keyPath: 'responseId' }).createIndex('token', 'token');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function idb(db, mode, work) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction('outbox', mode);
    const result = work(tx.objectStore('outbox'));
    tx.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined);
    tx.onerror = () => reject(tx.error);
  });
}

async function sendOutbox() {
  const db = await openDb();
  const items = (await idb(db, 'readonly', (s) => s.getAll())).filter((i) => i.status === 'queued');
  if (items.length === 0) return;
  const csrf = () => fetch('/api/auth/csrf', { credentials: 'same-origin', cache: 'no-store' }).then((r) => r.json());
  let token = (await csrf()).token;
  let changed = false;
  let retry = false;
  for (const item of items) {
    let res;
    try {
      const post = () =>
        fetch(`/api/s/${encodeURIComponent(item.token)}/responses`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', 'x-csrf-token': token },
          body: JSON.stringify({ responseId: item.responseId, answers: item.answers }),
        });
      res = await post();
      if (res.status === 403) {
        // The page may have renewed the CSRF cookie meanwhile: take a fresh token once.
        token = (await csrf()).token;
        res = await post();
      }
    } catch {
      retry = true;
      continue;
    }
    const body = await res.json().catch(() => ({}));
    let next;
    if (res.status === 200 || res.status === 201) next = { ...item, status: 'sent', receivedOn: body.receivedOn };
    else if ([400, 404, 409, 410, 413, 422].includes(res.status))
      next = { ...item, status: 'rejected', error: body.code || String(res.status), errorMessage: body.message };
    else {
      retry = true;
      continue;
    }
    await idb(db, 'readwrite', (s) => s.put(next));
    changed = true;
  }
  if (changed) {
    for (const client of await self.clients.matchAll({ type: 'window' }))
      client.postMessage({ type: 'outbox-changed' });
  }
  // Rejecting makes the browser retry the sync later with its own backoff.
  if (retry) throw new Error('some responses could not be sent yet');
}

self.addEventListener('sync', (event) => {
  if (event.tag === 'survey-outbox') event.waitUntil(sendOutbox());
});
