import { describe, expect, it } from 'vitest';
import { observe, runChecks, type FixCheck } from './run-quiz';
import type { LessonRequest, LessonScenario } from '../course/types';

function get(url: string, more: Partial<LessonRequest> = {}): LessonRequest {
  return { method: 'GET', url, headers: [], body: null, client: '127.0.0.1', waitMs: 0, ...more };
}

function scenario(http: string, backends: LessonScenario['backends']): LessonScenario {
  return { config: `events {}\nhttp {\n${http}\n}\n`, backends, files: {}, requests: [] };
}

const roundRobin = scenario(
  `upstream app { server 127.0.0.1:3001; server 127.0.0.1:3002; server 127.0.0.1:3003; }
   server { listen 80; server_name example.com; location / { proxy_pass http://app; } }`,
  {
    '127.0.0.1:3001': { name: 'app-a' },
    '127.0.0.1:3002': { name: 'app-b' },
    '127.0.0.1:3003': { name: 'app-c' },
  },
);

const cached = scenario(
  `proxy_cache_path /var/cache/nginx keys_zone=pages:10m;
   server {
     listen 80; server_name example.com;
     location / {
       proxy_pass http://127.0.0.1:3000;
       proxy_cache pages;
       add_header X-Cache-Status $upstream_cache_status;
     }
   }`,
  { '127.0.0.1:3000': { name: 'app', app: 'caching' } },
);

const limited = scenario(
  `limit_req_zone $binary_remote_addr zone=perip:10m rate=10r/m;
   server {
     listen 80; server_name example.com;
     location / { limit_req zone=perip; limit_req_status 429; proxy_pass http://127.0.0.1:3000; }
   }`,
  { '127.0.0.1:3000': { name: 'app' } },
);

describe('observe', () => {
  it('round robin: the fourth request goes back to the first server', async () => {
    const home = get('http://example.com/');
    const seen = await observe(roundRobin, [home, home, home], home, 'backend');
    expect(seen.value).toBe('app-a');
    expect(seen.earlier).toHaveLength(3);
    expect(seen.earlier.map((e) => e.upstreamResponse?.address)).toEqual([
      '127.0.0.1:3001',
      '127.0.0.1:3002',
      '127.0.0.1:3003',
    ]);
    expect(seen.exchange.response?.status).toBe(200);
  });

  it('starts a fresh proxy each time, so earlier runs do not move the turn on', async () => {
    const home = get('http://example.com/');
    await observe(roundRobin, [home], home, 'backend');
    expect((await observe(roundRobin, [], home, 'backend')).value).toBe('app-a');
  });

  it('cache: MISS, then HIT (no backend answered), then EXPIRED once waitMs has passed max-age', async () => {
    const page = get('http://example.com/max-age');
    expect((await observe(cached, [], page, 'cache')).value).toBe('MISS');
    const hit = await observe(cached, [page], page, 'cache');
    expect(hit.value).toBe('HIT');
    expect((await observe(cached, [page], page, 'backend')).value).toBe('none');
    expect((await observe(cached, [page], page, 'header:x-cache-status')).value).toBe('HIT');
    const later = get('http://example.com/max-age', { waitMs: 61_000 });
    expect((await observe(cached, [page], later, 'cache')).value).toBe('EXPIRED');
    expect((await observe(cached, [page], later, 'backend')).value).toBe('app');
  });

  it('a rate limit: the second request straight away gets a 429 from nginx itself', async () => {
    const home = get('http://example.com/');
    expect((await observe(limited, [home], home, 'status')).value).toBe('429');
    expect((await observe(limited, [home], home, 'backend')).value).toBe('none');
    expect((await observe(limited, [home], home, 'cache')).value).toBe('none');
    expect((await observe(limited, [home], home, 'header:Retry-After')).value).toBe('none');
    const fromElsewhere = get('http://example.com/', { client: '127.0.0.2' });
    expect((await observe(limited, [home], fromElsewhere, 'status')).value).toBe('200');
    const later = get('http://example.com/', { waitMs: 7_000 });
    expect((await observe(limited, [home], later, 'status')).value).toBe('200');
  });

  it('upstream-header: what the backend received, none when no backend was asked', async () => {
    const forwarded = scenario(
      `server { listen 80; server_name example.com; location / {
         proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
         proxy_pass http://127.0.0.1:3000; } }`,
      { '127.0.0.1:3000': { name: 'app' } },
    );
    const relayed = get('http://example.com/', {
      client: '127.0.0.2',
      headers: [['X-Forwarded-For', '203.0.113.9']],
    });
    const seen = await observe(forwarded, [], relayed, 'upstream-header:x-forwarded-for');
    expect(seen.value).toBe('203.0.113.9, 127.0.0.2');
    // The client's response does not carry it: only the backend saw it.
    expect((await observe(forwarded, [], relayed, 'header:X-Forwarded-For')).value).toBe('none');
    const home = get('http://example.com/');
    expect((await observe(limited, [home], home, 'upstream-header:Host')).value).toBe('none');
  });

  it('status is none when no response came back', async () => {
    const seen = await observe(roundRobin, [], get('http://example.com:8080/'), 'status');
    expect(seen.value).toBe('none');
    expect(seen.exchange.connectionError).toMatch(/refused/);
  });

  it('throws with nginx message when the scenario config is refused', async () => {
    const broken = { ...roundRobin, config: 'events {}\nhttp { proxy_pas x; }\n' };
    await expect(observe(broken, [], get('http://example.com/'), 'status')).rejects.toThrow(
      'unknown directive "proxy_pas" in nginx.conf:2',
    );
  });
});

describe('runChecks', () => {
  const weighted = (weight: string) =>
    `events {}
http {
  upstream app { server 127.0.0.1:3001${weight}; server 127.0.0.1:3002; }
  server { listen 80; server_name example.com; location / { proxy_pass http://app; } }
}
`;
  const twoApps = scenario('', {
    '127.0.0.1:3001': { name: 'app-a' },
    '127.0.0.1:3002': { name: 'app-b' },
  });
  const home = get('http://example.com/');
  const checks: FixCheck[] = ['app-a', 'app-b', 'app-a', 'app-a'].map((backend, i) => ({
    request: home,
    expect: { backend, status: 200 },
    describe: `request ${i + 1} goes to ${backend}`,
  }));

  it('sends the checks in order to one proxy: round robin fails the fourth', async () => {
    const outcome = await runChecks(weighted(''), twoApps, checks);
    expect(outcome.ok).toBe(false);
    expect(outcome.problem).toBeUndefined();
    expect(outcome.results.map((r) => [r.ok, r.got])).toEqual([
      [true, 'status 200, backend app-a'],
      [true, 'status 200, backend app-b'],
      [true, 'status 200, backend app-a'],
      [false, 'status 200, backend app-b'],
    ]);
    expect(outcome.results[3]!.describe).toBe('request 4 goes to app-a');
    expect(outcome.results[3]!.exchange?.upstreamResponse?.address).toBe('127.0.0.1:3002');
  });

  it('passes with weight=2 on app-a', async () => {
    const outcome = await runChecks(weighted(' weight=2'), twoApps, checks);
    expect(outcome.ok).toBe(true);
    expect(outcome.results.every((r) => r.ok)).toBe(true);
  });

  it('checks headers by name, any case, and null for absent', async () => {
    const outcome = await runChecks(cached.config, cached, [
      {
        request: get('http://example.com/max-age'),
        expect: { headers: { 'x-cache-status': 'MISS', 'X-Nope': null } },
        describe: 'a MISS',
      },
      {
        request: get('http://example.com/max-age'),
        expect: { cache: 'HIT', headers: { 'X-Cache-Status': null } },
        describe: 'wrongly expects the header absent',
      },
    ]);
    expect(outcome.results.map((r) => [r.ok, r.got])).toEqual([
      [true, 'x-cache-status: MISS, no X-Nope header'],
      [false, 'cache HIT, X-Cache-Status: HIT'],
    ]);
  });

  it('a config nginx refuses gives ok: false with its message, and runs no check', async () => {
    const outcome = await runChecks(weighted(' weight=0'), twoApps, checks);
    expect(outcome).toEqual({
      ok: false,
      problem: {
        message: 'invalid parameter "weight=0"',
        line: 3,
        file: 'nginx.conf',
        refusedBy: 'nginx',
      },
      results: [],
    });
  });
});
