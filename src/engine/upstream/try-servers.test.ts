import { describe, expect, it } from 'vitest';
import type { BackendMap } from '../../backends';
import type { TraceEvent } from '../trace';
import { backendOf, proxyWith } from './test-support';

type Balance = Extract<TraceEvent, { type: 'balance' }>;

const CONFIG = `events {}
http {
  upstream sticky {
    ip_hash;
    server 127.0.0.1:3001;
    server 127.0.0.1:3002;
    server 127.0.0.1:3003;
  }
  upstream keyed {
    hash $arg_user;
    server 127.0.0.1:3001;
    server 127.0.0.1:3002;
    server 127.0.0.1:3003;
  }
  upstream ring {
    hash $arg_user consistent;
    server 127.0.0.1:3001;
    server 127.0.0.1:3002;
    server 127.0.0.1:3003;
  }
  upstream fewest {
    least_conn;
    server 127.0.0.1:3001;
    server 127.0.0.1:3002;
  }
  server {
    listen 80;
    location /sticky/ { proxy_pass http://sticky; }
    location /keyed/ { proxy_pass http://keyed; }
    location /ring/ { proxy_pass http://ring; }
    location /fewest/ { proxy_pass http://fewest; }
  }
}
`;
const backends = {
  '127.0.0.1:3001': { name: 'a', routes: [{ path: '/fewest/slow', delayMs: 500 }] },
  '127.0.0.1:3002': { name: 'b' },
  '127.0.0.1:3003': { name: 'c' },
};

async function balance(proxy: ReturnType<typeof proxyWith>, url: string, client?: string) {
  const { trace } = await proxy.send(url, { client });
  return trace.find((e): e is Balance => e.type === 'balance')!;
}

describe('the balance event', () => {
  it('carries ip_hash facts: the octets, the hash and the slot', async () => {
    const event = await balance(
      proxyWith(CONFIG, backends),
      'http://example.com/sticky/',
      '127.1.0.1',
    );
    expect(event).toMatchObject({
      method: 'ip_hash',
      chosen: '127.0.0.1:3002',
      octets: [127, 1, 0],
      probes: [{ value: 4153, slot: 1, address: '127.0.0.1:3002', state: 'up' }],
    });
  });

  it('carries the evaluated hash key and its value', async () => {
    const event = await balance(proxyWith(CONFIG, backends), 'http://example.com/keyed/?user=bob');
    expect(event).toMatchObject({ method: 'hash', key: 'bob', chosen: '127.0.0.1:3003' });
    expect(event.reason).toMatch(/^hash: key "bob" gives 30155; 30155 % total weight 3 = slot 2/);
    const ring = await balance(proxyWith(CONFIG, backends), 'http://example.com/ring/?user=alice');
    expect(ring).toMatchObject({ method: 'hash consistent', key: 'alice', keyHash: 663665735 });
  });

  it("carries every candidate's active connections for least_conn", async () => {
    const proxy = proxyWith(CONFIG, backends);
    const slow = proxy.send('http://example.com/fewest/slow');
    const event = await balance(proxy, 'http://example.com/fewest/quick');
    await slow;
    expect(event.candidates.map((c) => [c.address, c.activeConnections])).toEqual([
      ['127.0.0.1:3001', 1],
      ['127.0.0.1:3002', 0],
    ]);
    expect(event.reason).toBe('least_conn: 127.0.0.1:3002 has the fewest, 0 active connections');
  });
});

describe('a burst of concurrent requests to a group with a server that refuses', () => {
  const GROUP = `events {}
http {
  upstream app { server 127.0.0.1:3001; server 127.0.0.1:3002; }
  server { listen 80; location / { proxy_pass http://app; } }
}
`;

  // Real nginx 1.22, one process, 100 or 1,000 requests at once on their own
  // connections: in most runs the error log has a single "connect() failed
  // (111" and only the first request's $upstream_addr lists 127.0.0.1:3001.
  // The loopback refusal is already waiting when nginx next polls, and it takes
  // in new connections one per turn of its event loop.
  async function burst(backends: BackendMap, count: number) {
    const proxy = proxyWith(GROUP, backends);
    const results = await Promise.all(
      Array.from({ length: count }, (_, i) => proxy.send(`http://example.com/r${i}`)),
    );
    const refused = results.flatMap((r) =>
      r.trace.filter((e) => e.type === 'backend' && e.outcome === 'refused'),
    );
    return { refused: refused.length, results, clock: proxy.clock };
  }

  it('tries a stopped server once: every later request skips it', async () => {
    const { refused, results } = await burst(
      { '127.0.0.1:3001': { name: 'a', down: true }, '127.0.0.1:3002': { name: 'b' } },
      100,
    );
    expect(refused).toBe(1);
    const first = results[0]!.trace.flatMap((e) => (e.type === 'upstream' ? [e.address] : []));
    expect(first).toEqual(['127.0.0.1:3001', '127.0.0.1:3002']);
    expect(results.map((r) => r.response?.status)).toEqual(Array(100).fill(200));
    expect(results.map(backendOf)).toEqual(Array(100).fill('b'));
  });

  it('tries an address where nothing listens once too', async () => {
    const { refused } = await burst({ '127.0.0.1:3002': { name: 'b' } }, 100);
    expect(refused).toBe(1);
  });

  it('still waits for slow answers side by side', async () => {
    const { results, clock } = await burst(
      {
        '127.0.0.1:3001': { name: 'a', latencyMs: 200 },
        '127.0.0.1:3002': { name: 'b', latencyMs: 200 },
      },
      10,
    );
    expect(results.map(backendOf)).toEqual(Array(5).fill(['a', 'b']).flat());
    expect(clock.now()).toBe(200);
  });
});
