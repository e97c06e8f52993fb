import { describe, expect, it } from 'vitest';
import { hopsOf, journeyOf, type Hop } from './hopsOf';
import { scenario } from './test-support';

/** `kind from→to` per hop: the shape of the journey at a glance. */
const route = (hops: Hop[]) => hops.map((h) => `${h.kind} ${h.from}→${h.to}`);
const labels = (hops: Hop[], kind: Hop['kind']) =>
  hops.filter((h) => h.kind === kind).map((h) => h.label);

describe('hops and outcome of real exchanges', () => {
  it('cache MISS goes to the backend and stores; the HIT never leaves the proxy', async () => {
    const { send } = scenario(
      `proxy_cache_path /tmp/c keys_zone=c:1m;
      server { listen 80; location / {
        proxy_pass http://127.0.0.1:3000; proxy_cache c;
        gzip on; gzip_min_length 1; gzip_types application/json;
        add_header X-Cache $upstream_cache_status;
      } }`,
      { '127.0.0.1:3000': { name: 'app', app: 'caching' } },
    );
    const miss = await send('http://example.com/max-age', {
      headers: { 'Accept-Encoding': 'gzip' },
    });
    expect(route(miss.hops)).toEqual([
      'request client→proxy',
      'server proxy→proxy',
      'match proxy→proxy',
      'cache-lookup proxy→cache',
      'balance proxy→upstream:127.0.0.1:3000',
      'upstream upstream:127.0.0.1:3000→backend:127.0.0.1:3000',
      'backend backend:127.0.0.1:3000→proxy',
      'cache-store proxy→cache',
      'headers proxy→proxy',
      'compress proxy→proxy',
      'respond proxy→client',
    ]);
    expect(labels(miss.hops, 'cache-lookup')).toEqual(['cache MISS: not in zone c']);
    expect(labels(miss.hops, 'cache-store')[0]).toMatch(/^cache store: stored for 60s/);
    expect(labels(miss.hops, 'headers')).toEqual(['headers: added X-Cache']);
    expect(miss.outcome).toMatchObject({ kind: 'served', status: 200 });
    expect(miss.hops.map((h) => h.id)).toEqual(miss.hops.map((_, i) => `1.${i}`));

    const hit = await send('http://example.com/max-age');
    expect(route(hit.hops)).toEqual([
      'request client→proxy',
      'server proxy→proxy',
      'match proxy→proxy',
      'cache-lookup proxy→cache',
      'headers proxy→proxy',
      'compress proxy→proxy',
      'respond proxy→client',
    ]);
    expect(labels(hit.hops, 'compress')).toEqual(['gzip: not compressed']);
    expect(labels(hit.hops, 'cache-lookup')[0]).toMatch(/^cache HIT: /);
    expect(labels(hit.hops, 'respond')).toEqual(['200 OK, from the cache']);
    expect(hit.outcome).toEqual({
      kind: 'served-from-cache',
      status: 200,
      reason: 'cache HIT in zone c',
    });
  });

  it('round robin over three backends names the next server each time', async () => {
    const { send } = scenario(
      `upstream pool { server 127.0.0.1:3001; server 127.0.0.1:3002; server 127.0.0.1:3003; }
      server { listen 80; location / { proxy_pass http://pool; } }`,
      {
        '127.0.0.1:3001': { name: 'a' },
        '127.0.0.1:3002': { name: 'b' },
        '127.0.0.1:3003': { name: 'c' },
      },
    );
    const picks: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { hops, outcome } = await send('http://example.com/');
      expect(outcome.kind).toBe('served');
      picks.push(...labels(hops, 'balance'));
      const balance = hops.find((h) => h.kind === 'balance')!;
      expect(balance.to).toBe('upstream:pool');
      expect(balance.detail).toMatch(/^smooth weighted round robin/);
    }
    expect(picks).toEqual([
      'round robin: 127.0.0.1:3001 is next',
      'round robin: 127.0.0.1:3002 is next',
      'round robin: 127.0.0.1:3003 is next',
      'round robin: 127.0.0.1:3001 is next',
    ]);
  });

  it('a refused backend sends the packet back to the group and on to the next server', async () => {
    const { send } = scenario(
      `upstream pool { server 127.0.0.1:3001; server 127.0.0.1:3002; }
      server { listen 80; location / { proxy_pass http://pool; } }`,
      { '127.0.0.1:3001': { name: 'a', down: true }, '127.0.0.1:3002': { name: 'b' } },
    );
    const { hops, outcome } = await send('http://example.com/');
    expect(route(hops).slice(3)).toEqual([
      'balance proxy→upstream:pool',
      'upstream upstream:pool→backend:127.0.0.1:3001',
      'backend backend:127.0.0.1:3001→upstream:pool',
      'balance proxy→upstream:pool',
      'upstream upstream:pool→backend:127.0.0.1:3002',
      'backend backend:127.0.0.1:3002→proxy',
      'respond proxy→client',
    ]);
    expect(labels(hops, 'backend')).toEqual([
      '127.0.0.1:3001 refused the connection → next server',
      '127.0.0.1:3002 answered 200 in 0 ms',
    ]);
    expect(labels(hops, 'upstream')[1]).toBe('next server: GET / to 127.0.0.1:3002');
    expect(hops.find((h) => h.label.startsWith('next server'))!.detail).toMatch(
      /proxy_next_upstream/,
    );
    expect(outcome).toMatchObject({ kind: 'served', status: 200 });
  });

  it('every backend refusing ends upstream-failed with 502', async () => {
    const { send } = scenario(
      `server { listen 80; location / { proxy_pass http://127.0.0.1:5000; } }`,
      {
        '127.0.0.1:5000': { name: 's', down: true },
      },
    );
    const { hops, outcome } = await send('http://example.com/');
    expect(labels(hops, 'backend')).toEqual(['127.0.0.1:5000 refused the connection']);
    expect(hops.at(-1)!.label).toBe('502 Bad Gateway, an error page');
    expect(outcome).toMatchObject({ kind: 'upstream-failed', status: 502 });
  });

  it('a rate-limit rejection is one decision hop, then the 503 back', async () => {
    const { send } = scenario(
      `limit_req_zone $binary_remote_addr zone=one:1m rate=1r/s;
      server { listen 80; location / { limit_req zone=one; proxy_pass http://127.0.0.1:3000; } }`,
      { '127.0.0.1:3000': { name: 'a' } },
    );
    const first = await send('http://example.com/');
    expect(labels(first.hops, 'limit')).toEqual(['rate limit one: passed']);
    expect(first.outcome.kind).toBe('served');

    const second = await send('http://example.com/');
    expect(route(second.hops)).toEqual([
      'request client→proxy',
      'server proxy→proxy',
      'match proxy→proxy',
      'limit proxy→proxy',
      'respond proxy→client',
    ]);
    const limit = second.hops[3]!;
    expect(limit.label).toBe('rate limit one: over the rate, burst 0 full → 503');
    expect(limit.events.map((e) => e.type)).toEqual(['limit', 'reject']);
    expect(second.outcome).toMatchObject({ kind: 'rejected', status: 503 });
    expect(second.outcome.reason).toMatch(/would overflow burst 0/);
  });

  it('access denied is rejected with 403', async () => {
    const { send } = scenario(
      `server { listen 80; location / { deny all; proxy_pass http://127.0.0.1:3000; } }`,
      { '127.0.0.1:3000': { name: 'a' } },
    );
    const { hops, outcome } = await send('http://example.com/');
    expect(labels(hops, 'reject')).toEqual(['access denied → 403']);
    expect(outcome).toMatchObject({ kind: 'rejected', status: 403 });
  });

  it('a static file goes to the disk and back', async () => {
    const { send } = scenario(
      `server { listen 80; root /srv; location / { try_files $uri $uri/ =404; } }`,
      {},
      { '/srv/a.html': '<p>hi</p>' },
    );
    const { hops, outcome } = await send('http://example.com/a.html');
    expect(labels(hops, 'static')).toEqual([
      'try_files: /srv/a.html is a file',
      'file: /srv/a.html is a file',
    ]);
    expect(hops.filter((h) => h.kind === 'static').every((h) => h.to === 'disk')).toBe(true);
    expect(outcome).toMatchObject({ kind: 'served-static', status: 200 });
  });

  it('a redirect is written by the proxy', async () => {
    const { send } = scenario(`server { listen 80; location /old { return 301 /new; } }`);
    const { hops, outcome } = await send('http://example.com/old');
    expect(labels(hops, 'return')).toEqual(['return 301']);
    expect(hops.at(-1)!.label).toBe('301 Moved Permanently, a redirect');
    expect(outcome).toMatchObject({ kind: 'redirected', status: 301 });
  });

  it('a read timeout ends in 504 at the virtual time it happened', async () => {
    const { send } = scenario(
      `server { listen 80; location / { proxy_pass http://127.0.0.1:5000; proxy_read_timeout 1s; } }`,
      { '127.0.0.1:5000': { name: 'slowpoke', app: 'slow' } },
    );
    const { hops, outcome } = await send('http://example.com/');
    const backend = hops.find((h) => h.kind === 'backend')!;
    expect(backend.label).toBe('127.0.0.1:5000 did not answer within 1000 ms');
    expect(backend.at).toBe(1000);
    expect(hops.at(-1)).toMatchObject({ kind: 'respond', at: 1000 });
    expect(outcome).toMatchObject({ kind: 'timed-out', status: 504 });
  });

  it('a port nothing listens on ends with no response', async () => {
    const { send } = scenario(`server { listen 80; location / { return 200; } }`);
    const { hops, outcome } = await send('http://example.com:8080/');
    expect(route(hops)).toEqual(['request client→proxy', 'no-response proxy→client']);
    expect(hops[1]!.label).toBe('no response: connection refused: nothing listens on port 8080');
    expect(outcome).toEqual({
      kind: 'no-response',
      status: null,
      reason: 'connection refused: nothing listens on port 8080',
    });
  });

  it('https starts with a TLS hop', async () => {
    const { send } = scenario(
      `server { listen 443 ssl; ssl_certificate a.pem; ssl_certificate_key a.key; location / { return 200 ok; } }`,
    );
    const { hops, outcome } = await send('https://example.com/');
    expect(route(hops).slice(0, 2)).toEqual(['tls client→proxy', 'request client→proxy']);
    expect(outcome).toMatchObject({ kind: 'served', status: 200 });
  });

  it('an exchange without a trace (no config loaded) is one failed hop', () => {
    const hops = hopsOf({ requestId: '9', trace: [], connectionError: 'no config' });
    expect(route(hops)).toEqual(['no-response client→proxy']);
    expect(
      journeyOf({ requestId: '9', trace: [], connectionError: 'no config', upstreamResponse: null })
        .outcome,
    ).toEqual({
      kind: 'no-response',
      status: null,
      reason: 'no config',
    });
  });
});
