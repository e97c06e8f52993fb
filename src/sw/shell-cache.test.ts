import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { PrecacheList } from './precache-list';
import { dropOldShellCaches, fillShellCache, shellResponse } from './shell-cache';

const ORIGIN = 'https://course.test';

const pathOf = (r: Request | string) => new URL(typeof r === 'string' ? r : r.url, ORIGIN).pathname;

/** CacheStorage as far as shell-cache.ts uses it, keyed by path. */
function fakeCaches() {
  const stores = new Map<string, Map<string, Response>>();
  const open = (name: string) => {
    let store = stores.get(name);
    if (!store) stores.set(name, (store = new Map()));
    return store;
  };
  return {
    stores,
    open: async (name: string) => {
      const store = open(name);
      return {
        addAll: async (requests: Request[]) => {
          for (const r of requests) {
            const response = await fetch(r);
            if (!response.ok) throw new TypeError(`${r.url}: ${response.status}`);
            store.set(pathOf(r), response);
          }
        },
      };
    },
    keys: async () => [...stores.keys()],
    delete: async (name: string) => stores.delete(name),
    match: async (r: string, options: { cacheName: string }) =>
      stores.get(options.cacheName)?.get(pathOf(r))?.clone(),
  };
}

const LIST: PrecacheList = { version: 'v2', files: ['/index.html', '/assets/app-1.js'] };
let caches: ReturnType<typeof fakeCaches>;

beforeEach(() => {
  caches = fakeCaches();
  vi.stubGlobal('caches', caches);
  // The network answers every path with its name, so a test can tell where a body came from.
  const network = async (r: Request | string) => new Response(`network ${pathOf(r)}`);
  vi.stubGlobal('fetch', vi.fn(network));
  vi.stubGlobal(
    'Request',
    class extends Request {
      constructor(input: string, init?: RequestInit) {
        super(new URL(input, ORIGIN), init);
      }
    },
  );
});
afterEach(() => vi.unstubAllGlobals());

const get = (path: string, mode: RequestMode = 'cors') => {
  const request = { method: 'GET', mode, url: ORIGIN + path } as Request;
  return shellResponse(request, new URL(path, ORIGIN), LIST);
};

test('install caches every listed file under the build version; activate drops older builds only', async () => {
  caches.stores.set('proxy-sandbox-shell-v1', new Map());
  caches.stores.set('someone-else', new Map());
  await fillShellCache(LIST);
  expect([...caches.stores.get('proxy-sandbox-shell-v2')!.keys()]).toEqual(LIST.files);
  await dropOldShellCaches(LIST);
  expect(await caches.keys()).toEqual(['someone-else', 'proxy-sandbox-shell-v2']);
});

test('a failed install leaves no half-filled cache and does not throw', async () => {
  vi.mocked(fetch).mockResolvedValueOnce(new Response('gone', { status: 404 }));
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  await fillShellCache(LIST);
  expect(await caches.keys()).toEqual([]);
});

test('listed files come from the cache; the page from the network, else the cache', async () => {
  await fillShellCache(LIST);
  vi.mocked(fetch).mockClear();
  expect(await (await get('/assets/app-1.js'))!.text()).toBe('network /assets/app-1.js');
  expect(fetch).not.toHaveBeenCalled();

  vi.mocked(fetch).mockResolvedValueOnce(new Response('fresh page'));
  expect(await (await get('/', 'navigate'))!.text()).toBe('fresh page');
  vi.mocked(fetch).mockRejectedValueOnce(new TypeError('offline'));
  expect(await (await get('/', 'navigate'))!.text()).toBe('network /index.html');
});

test('anything else passes to the network untouched', () => {
  expect(get('/sw.js')).toBeNull();
  expect(get('/assets/other.js')).toBeNull();
  expect(
    shellResponse(
      { method: 'POST', mode: 'cors' } as Request,
      new URL(ORIGIN + '/index.html'),
      LIST,
    ),
  ).toBeNull();
  expect(
    shellResponse(
      { method: 'GET', mode: 'cors' } as Request,
      new URL(ORIGIN + '/index.html'),
      null,
    ),
  ).toBeNull();
});
