import { describe, expect, it } from 'vitest';
import { pickLeastConn } from './least-conn';
import { backendOf, context, peer, proxyWith } from './test-support';
import { buildUpstream } from './upstream';

const lc = { method: 'least_conn' } as const;

describe('least_conn', () => {
  it('with one request at a time ties every pick and shares by weight (balancing-least-conn-sequential)', () => {
    const up = buildUpstream('pool', true, 1, [peer('a', { weight: 3 }), peer('b')], lc);
    const picks = Array.from({ length: 8 }, () => pickLeastConn(up, context(), 0).peer!.address);
    expect(picks).toEqual(['a', 'a', 'b', 'a', 'a', 'a', 'b', 'a']);
  });

  it('compares active connections per weight', () => {
    const up = buildUpstream('pool', true, 1, [peer('a', { weight: 2 }), peer('b')], lc);
    up.primary[0]!.conns = 3;
    up.primary[1]!.conns = 1;
    // 3/2 > 1/1: b has fewer per weight.
    const pick = pickLeastConn(up, context(), 0);
    expect(pick.peer!.address).toBe('b');
    expect(pick.reason).toBe('least_conn: b has the fewest, 1 active connection');
    expect(pick.candidates.map((c) => c.conns)).toEqual([3, 1]);
  });

  it('names the tied servers and the round robin among them', () => {
    const up = buildUpstream('pool', true, 1, [peer('a'), peer('b'), peer('c')], lc);
    up.primary[0]!.conns = 1;
    const pick = pickLeastConn(up, context(), 0);
    expect(pick.peer!.address).toBe('b');
    expect(pick.reason).toBe(
      'least_conn: b, c tie at 0 active connections per weight; smooth weighted round robin among them (current weights b=1, c=1) chooses b',
    );
  });

  it('skips down servers and goes to the backups when no primary can take the request', () => {
    const up = buildUpstream(
      'pool',
      true,
      1,
      [peer('a', { down: true }), peer('b', { down: true }), peer('c', { backup: true })],
      lc,
    );
    const pick = pickLeastConn(up, context(), 0);
    expect(pick.peer!.address).toBe('c');
    expect(pick.candidates.map((c) => c.state)).toEqual(['down', 'down', 'up']);
  });

  it('sends a burst away from the server that is still busy', async () => {
    const proxy = proxyWith(
      `events {}
http {
  upstream pool {
    least_conn;
    server 127.0.0.1:3001;
    server 127.0.0.1:3002;
  }
  server { listen 80; location / { proxy_pass http://pool; } }
}
`,
      {
        '127.0.0.1:3001': { name: 'a', routes: [{ path: '/slow', delayMs: 1000 }] },
        '127.0.0.1:3002': { name: 'b', routes: [{ path: '/slow', delayMs: 1000 }] },
      },
    );
    const pool = proxy.upstream('pool');
    // Four slow requests at once: each goes where the fewest are in flight. The third
    // finds a tie again, and round robin (which a won the first time, b never) gives b.
    const burst = await Promise.all(
      Array.from({ length: 4 }, () => proxy.send('http://example.com/slow')),
    );
    expect(burst.map(backendOf)).toEqual(['a', 'b', 'b', 'a']);
    expect(pool.primary.map((p) => p.conns)).toEqual([0, 0]);

    // While a slow request holds a, the quick ones all go to b.
    const slow = proxy.send('http://example.com/slow');
    const quick = [];
    for (let i = 0; i < 3; i++) quick.push(backendOf(await proxy.send(`http://example.com/q${i}`)));
    expect(backendOf(await slow)).toBe('a');
    expect(quick).toEqual(['b', 'b', 'b']);
  });

  it('gives the connection back when the try times out', async () => {
    const proxy = proxyWith(
      `events {}
http {
  upstream pool {
    least_conn;
    server 127.0.0.1:3001;
    server 127.0.0.1:3002;
  }
  server { listen 80; proxy_read_timeout 100ms; location / { proxy_pass http://pool; } }
}
`,
      {
        '127.0.0.1:3001': { name: 'a', routes: [{ path: '/slow', delayMs: 1000 }] },
        '127.0.0.1:3002': { name: 'b', routes: [{ path: '/slow', delayMs: 1000 }] },
      },
    );
    const result = await proxy.send('http://example.com/slow');
    expect(result.response!.status).toBe(504);
    expect(proxy.upstream('pool').primary.map((p) => p.conns)).toEqual([0, 0]);
  });
});
