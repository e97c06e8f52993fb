/**
 * The app shell offline: on install the worker caches every file of the build
 * (src/sw/precache-list.ts) under a cache named for the build, and answers the
 * app's own requests from it. Hashed assets never change, so they come from
 * the cache first; the page itself comes from the network when there is one
 * (a new deploy shows at once) and from the cache when there is none.
 */
import { PRECACHE, type PrecacheList } from './precache-list';

const PREFIX = 'proxy-sandbox-shell-';
const PAGE = '/index.html';

const cacheName = (list: PrecacheList) => PREFIX + list.version;

/** Install: fetch the whole build. A failure leaves the sandbox working online, so it is not fatal. */
export async function fillShellCache(list = PRECACHE): Promise<void> {
  if (!list) return;
  const name = cacheName(list);
  try {
    const cache = await caches.open(name);
    // `reload`: the HTTP cache may hold an index.html older than this build.
    await cache.addAll(list.files.map((url) => new Request(url, { cache: 'reload' })));
  } catch (error) {
    await caches.delete(name);
    console.warn('The sandbox worker could not cache the site for offline use:', error);
  }
}

/** Activate: the caches of earlier builds go. */
export async function dropOldShellCaches(list = PRECACHE): Promise<void> {
  const keep = list && cacheName(list);
  const names = await caches.keys();
  await Promise.all(
    names.filter((n) => n.startsWith(PREFIX) && n !== keep).map((n) => caches.delete(n)),
  );
}

/** A response for one of the app's own requests, or null to let it pass to the network untouched. */
export function shellResponse(
  request: Request,
  url: URL,
  list = PRECACHE,
): Promise<Response> | null {
  if (!list || request.method !== 'GET') return null;
  const name = cacheName(list);
  if (request.mode === 'navigate' && (url.pathname === '/' || url.pathname === PAGE))
    return fetch(request).catch(() => cached(name, PAGE, request));
  if (!list.files.includes(url.pathname)) return null;
  return caches.match(url.pathname, { cacheName: name }).then((hit) => hit ?? fetch(request));
}

async function cached(name: string, path: string, request: Request): Promise<Response> {
  const hit = await caches.match(path, { cacheName: name });
  return hit ?? fetch(request);
}
