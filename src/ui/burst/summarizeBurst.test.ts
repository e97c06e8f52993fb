import { describe, expect, it } from 'vitest';
import { sandboxHarness } from '../../runtime/test-harness';
import type { Exchange } from '../../runtime/types';
import { summarizeBurst } from './summarizeBurst';

const CONFIG = `events {}
http {
  limit_req_zone $binary_remote_addr zone=z:1m rate=1r/s;
  proxy_cache_path cache keys_zone=pages:1m;
  upstream app { server 127.0.0.1:3001; server 127.0.0.1:3002 weight=2; server 127.0.0.1:3003; }
  server {
    listen 80;
    location / { proxy_pass http://app; }
    location /limited/ { limit_req zone=z burst=2 nodelay; proxy_pass http://app; }
    location /cached/ { proxy_cache pages; proxy_cache_valid 200 1m; proxy_pass http://app; }
  }
}
`;

function proxy() {
  const { exchange } = sandboxHarness(CONFIG, {
    backends: {
      '127.0.0.1:3001': { name: 'a' },
      '127.0.0.1:3002': { name: 'b' },
      '127.0.0.1:3003': { name: 'c', down: true },
    },
  });
  return (path: string): Promise<Exchange> => exchange(`http://example.com${path}`);
}

describe('a burst', () => {
  it('counts what each backend answered, through real round robin with a refusing server', async () => {
    const send = proxy();
    const results = await Promise.all(Array.from({ length: 30 }, () => send('/x')));
    const summary = summarizeBurst(results, 12);
    expect(summary.total).toBe(30);
    expect(summary.elapsedMs).toBe(12);
    // c refuses: nginx retries on the next server, so a and b answer everything, b twice as often.
    expect(Object.fromEntries(summary.byBackend.map((b) => [b.name, b.count]))).toEqual({
      a: 10,
      b: 20,
    });
    expect(summary.byStatus).toEqual([{ status: 200, count: 30 }]);
  });

  it('shows rate limiting as statuses nginx answered itself', async () => {
    const send = proxy();
    const results = await Promise.all(Array.from({ length: 10 }, () => send('/limited/x')));
    const summary = summarizeBurst(results, 0);
    expect(summary.byStatus).toEqual([
      { status: 200, count: 3 },
      { status: 503, count: 7 },
    ]);
  });

  it("counts cached copies as the cache's answers, not the backend named in their x-backend", async () => {
    const send = proxy();
    await send('/cached/page');
    const results = await Promise.all(Array.from({ length: 10 }, () => send('/cached/page')));
    const summary = summarizeBurst(results, 0);
    expect(summary.byBackend).toEqual([]);
    expect(summary.byNginx).toEqual([{ status: 200, source: 'cache', count: 10 }]);
    expect(summary.byStatus).toEqual([{ status: 200, count: 10 }]);
  });
});
