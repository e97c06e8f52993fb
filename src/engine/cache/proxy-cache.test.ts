/**
 * The proxy cache through the engine: what a HIT replays and skips, the
 * trace that explains each decision, and the zone limits over virtual time.
 */
import { describe, expect, it } from 'vitest';
import { createBackendTransport, type RouteSpec } from '../../backends';
import { clientRequest, createProxy, headerValue, VirtualClock } from '..';
import type { TraceEvent } from '../trace';

function setup(location: string, routes: RouteSpec[] = [], path = 'cache keys_zone=main:1m') {
  const config = `events {}
http {
  proxy_cache_path ${path};
  log_format c '$request $upstream_cache_status $upstream_addr';
  access_log logs/access.log c;
  server {
    listen 80;
    location / {
      proxy_cache main;
      add_header X-Cache $upstream_cache_status;
      ${location}
      proxy_pass http://127.0.0.1:3001;
    }
  }
}
`;
  const clock = new VirtualClock();
  const transport = createBackendTransport({ '127.0.0.1:3001': { name: 'app', routes } }, clock);
  const engine = createProxy(config, { clock, transport, stockFiles: false });
  const get = async (at: number, url = '/page', method = 'GET') => {
    clock.advanceTo(at);
    const result = await engine.handle(clientRequest({ url: `http://example.com${url}`, method }));
    const cache = result.trace.filter(
      (e): e is Extract<TraceEvent, { type: 'cache' }> => e.type === 'cache',
    );
    return { ...result, cache, status: headerValue(result.response!.headers, 'X-Cache') };
  };
  return { get, clock };
}

describe('proxy cache through the engine', () => {
  it('answers a HIT from the zone: no backend request, no upstream address, the same body bytes', async () => {
    const { get } = setup('proxy_cache_valid 200 10s;');
    const miss = await get(0);
    const hit = await get(100);
    expect(miss.status).toBe('MISS');
    expect(hit.status).toBe('HIT');
    expect(hit.upstreamRequest).toBeNull();
    expect(hit.trace.some((e) => e.type === 'upstream')).toBe(false);
    expect(hit.accessLog[0]!.line).toBe('GET /page HTTP/1.1 HIT -');
    expect(headerValue(hit.response!.headers, 'x-backend')).toBe('app');
    // The entry keeps the backend's body; every HIT sends that same buffer, never a copy.
    const again = await get(200);
    expect(again.response!.body).toBe(hit.response!.body);
    expect(hit.trace.find((e) => e.type === 'respond')).toMatchObject({ source: 'cache' });
  });

  it('traces the lookup and the store with the key, the TTL and the moment it goes stale', async () => {
    const { get } = setup('proxy_cache_valid 200 10s;');
    const miss = await get(0, '/a?x=1');
    expect(miss.cache.map((e) => [e.step, e.status])).toEqual([
      ['lookup', 'MISS'],
      ['store', 'MISS'],
    ]);
    expect(miss.cache[1]).toMatchObject({
      zone: 'main',
      key: 'http://127.0.0.1:3001/a?x=1',
      ttl: 10,
      staleAt: 11_000,
      reason: 'stored for 10s: proxy_cache_valid 10s',
    });
    expect((await get(10_900, '/a?x=1')).status).toBe('HIT');
    expect((await get(11_000, '/a?x=1')).status).toBe('EXPIRED');
  });

  it('says why an answer is not stored', async () => {
    const { get } = setup('', [
      { path: '/p', status: 200, headers: { 'cache-control': 'private' } },
    ]);
    const first = await get(0, '/p');
    expect(first.cache.at(-1)).toMatchObject({
      step: 'store',
      reason: 'Cache-Control: private — not stored',
    });
    const plain = await get(0, '/plain');
    expect(plain.cache.at(-1)!.reason).toBe(
      'no caching header from the backend and no proxy_cache_valid for 200: not stored',
    );
  });

  it('counts uses for proxy_cache_min_uses and says how many it has seen', async () => {
    const { get } = setup('proxy_cache_valid 200 10s; proxy_cache_min_uses 2;');
    const first = await get(0);
    expect(first.cache).toHaveLength(1);
    expect(first.cache[0]!.reason).toMatch(/proxy_cache_min_uses 2: seen 1 time, so/);
    expect((await get(0)).cache.at(-1)!.step).toBe('store');
    expect((await get(0)).status).toBe('HIT');
  });

  it('leaves $upstream_cache_status empty for methods the cache does not serve', async () => {
    const { get } = setup('proxy_cache_valid 200 10s;');
    const post = await get(0, '/page', 'POST');
    expect(post.status).toBeUndefined();
    expect(post.cache).toEqual([]);
    expect(post.accessLog[0]!.line).toBe('POST /page HTTP/1.1 - 127.0.0.1:3001');
  });

  it('forgets an entry not requested for `inactive` seconds, as the cache manager would', async () => {
    const { get } = setup('proxy_cache_valid 200 1h;', [], 'cache keys_zone=main:1m inactive=5s');
    await get(0);
    expect((await get(4_000)).status).toBe('HIT');
    const later = await get(9_500);
    expect(later.status).toBe('MISS');
    expect(later.cache[0]).toMatchObject({ step: 'evict', key: 'http://127.0.0.1:3001/page' });
  });

  it('lets concurrent requests for a new key all go to the backend, unless proxy_cache_lock', async () => {
    const slow = [{ path: '/page', status: 200, body: 'slow', delayMs: 1000 }];
    const burst = async (location: string) => {
      const { get } = setup(`proxy_cache_valid 200 1m; ${location}`, slow);
      const results = await Promise.all([get(0), get(0), get(0)]);
      return results.map((x) => [x.status, x.upstreamRequest === null ? 'cache' : 'backend']);
    };
    expect(await burst('')).toEqual([
      ['MISS', 'backend'],
      ['MISS', 'backend'],
      ['MISS', 'backend'],
    ]);
    expect(await burst('proxy_cache_lock on;')).toEqual([
      ['MISS', 'backend'],
      ['HIT', 'cache'],
      ['HIT', 'cache'],
    ]);
    // Past proxy_cache_lock_timeout a waiting request goes to the backend itself, and does not store.
    expect(await burst('proxy_cache_lock on; proxy_cache_lock_timeout 300ms;')).toEqual([
      ['MISS', 'backend'],
      ['MISS', 'backend'],
      ['MISS', 'backend'],
    ]);
  });

  it('serves an expired entry as UPDATING while another request refreshes it', async () => {
    const slow = [{ path: '/page', status: 200, body: 'slow', delayMs: 1000 }];
    const { get } = setup('proxy_cache_valid 200 1s; proxy_cache_use_stale updating;', slow);
    // The first answer arrives at 1 s, so the entry is fresh through second 2.
    await get(0);
    const [refresh, meanwhile] = await Promise.all([get(3500), get(3500)]);
    expect(refresh!.status).toBe('EXPIRED');
    expect(meanwhile!.status).toBe('UPDATING');
    expect(meanwhile!.upstreamRequest).toBeNull();
  });

  it('keeps the stored bodies under max_size', async () => {
    const body = 'x'.repeat(600);
    const routes = ['/a', '/b'].map((path) => ({ path, status: 200, body }));
    const { get } = setup(
      'proxy_cache_valid 200 1h;',
      routes,
      'cache keys_zone=main:1m max_size=1k',
    );
    await get(0, '/a');
    const second = await get(0, '/b');
    expect(second.cache.find((e) => e.step === 'evict')).toMatchObject({
      key: 'http://127.0.0.1:3001/a',
    });
    expect((await get(0, '/b')).status).toBe('HIT');
    expect((await get(0, '/a')).status).toBe('MISS');
  });
});
