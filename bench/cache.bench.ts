/**
 * The proxy cache: requests/s for cache HITs (no backend involved) and the
 * heap held by 10,000 cached 1 KB responses.
 */
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { http } from 'msw';
import { createMswTransport } from '../src/backends/transport';
import { wireResponse } from '../src/backends/wire';
import { clientRequest, createProxy, headerValue, VirtualClock } from '../src/engine';
import { progress, type Figure } from './figure';

const CONFIG = `events {}
http {
  proxy_cache_path cache keys_zone=pages:100m max_size=1g inactive=1h;
  server {
    listen 80;
    location / {
      proxy_cache pages;
      proxy_cache_valid 200 10m;
      add_header X-Cache $upstream_cache_status;
      proxy_pass http://127.0.0.1:3001;
    }
  }
}
`;

const KB = new Uint8Array(1024).fill(120);

function setup() {
  const clock = new VirtualClock();
  // A backend that answers every path with 1 KB, so that each distinct URI is one cache entry of that size.
  const handlers = [
    http.all('http://127.0.0.1:3001/*', () =>
      wireResponse({
        status: 200,
        headers: [
          ['content-type', 'text/plain'],
          ['content-length', '1024'],
        ],
        body: KB,
      }),
    ),
  ];
  const engine = createProxy(CONFIG, {
    clock,
    transport: createMswTransport({ handlers: () => handlers }),
  });
  return {
    engine,
    get: (path: string) => engine.handle(clientRequest({ url: `http://example.com${path}` })),
  };
}

/** Forces a full garbage collection, so heap figures are what is really retained. */
function collect(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

async function hitRate(): Promise<number> {
  const { get } = setup();
  await get('/hot');
  const first = await get('/hot');
  if (headerValue(first.response!.headers, 'X-Cache') !== 'HIT')
    throw new Error('cache bench: the second request was not a HIT');
  const rates: number[] = [];
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    let n = 0;
    while (performance.now() - start < 300) {
      for (let i = 0; i < 50; i++) await get('/hot');
      n += 50;
    }
    rates.push((n * 1000) / (performance.now() - start));
  }
  rates.sort((a, b) => a - b);
  return rates[2]!;
}

async function heapFor10k(): Promise<number> {
  collect();
  const before = process.memoryUsage().heapUsed;
  const { engine, get } = setup();
  for (let i = 0; i < 10_000; i++) await get(`/page/${i}`);
  const check = await get('/page/9999');
  if (headerValue(check.response!.headers, 'X-Cache') !== 'HIT')
    throw new Error('cache bench: entries were not kept');
  collect();
  const after = process.memoryUsage().heapUsed;
  void engine;
  return (after - before) / (1024 * 1024);
}

export async function cacheBench(): Promise<Figure[]> {
  progress('cache: HIT throughput');
  const hits = await hitRate();
  progress('cache: heap with 10,000 entries');
  const heap = await heapFor10k();
  return [
    { name: 'cache HIT requests/s', value: hits, unit: 'req/s', target: '>= 50000' },
    { name: 'heap for 10,000 cached 1 KB responses', value: heap, unit: 'MB', target: '< 50' },
  ];
}
