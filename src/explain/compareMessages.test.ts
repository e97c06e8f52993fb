import { describe, expect, it } from 'vitest';
import type { BackendMap } from '../backends';
import type { HeaderList } from '../engine';
import { sandboxHarness } from '../runtime/test-harness';
import type { Exchange } from '../runtime/types';
import {
  clientSide,
  compareRequests,
  compareResponses,
  diffHeaders,
  hopTimes,
  whyNoBackend,
  type HeaderChange,
} from './compareMessages';

function proxy(inside: string, backends: BackendMap) {
  const { exchange } = sandboxHarness(`events {}\nhttp {\n${inside}\n}\n`, { backends });
  return (url: string, headers: HeaderList = []): Promise<Exchange> =>
    exchange(`http://example.com${url}`, { headers, client: '10.0.0.7' });
}

const byName = (changes: HeaderChange[], name: string) =>
  changes.find((c) => c.name.toLowerCase() === name.toLowerCase());

describe('diffHeaders', () => {
  it('compares names case-insensitively and values as ordered lists', () => {
    const changes = diffHeaders(
      [
        ['Host', 'a'],
        ['Accept', 'x'],
        ['Cookie', '1'],
        ['Cookie', '2'],
        ['TE', 'trailers'],
      ],
      [
        ['host', 'b'],
        ['accept', 'x'],
        ['Cookie', '1'],
        ['X-New', 'y'],
      ],
      (_key, kind) => ({ kind, reason: kind }),
    );
    expect(changes).toEqual([
      { name: 'host', kind: 'changed', before: ['a'], after: ['b'], reason: 'changed' },
      { name: 'Cookie', kind: 'changed', before: ['1', '2'], after: ['1'], reason: 'changed' },
      { name: 'TE', kind: 'removed', before: ['trailers'], after: [], reason: 'removed' },
      { name: 'X-New', kind: 'added', before: [], after: ['y'], reason: 'added' },
    ]);
  });
});

describe('compareRequests', () => {
  it('Host rewritten, X-Real-IP and X-Forwarded-For added, hop-by-hop dropped, Connection replaced, HTTP/1.0, URI rewritten', async () => {
    const send = proxy(
      `server { listen 80; location /api/ {
        proxy_set_header Host backend.internal;
        proxy_set_header X-Real-IP $remote_addr;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_pass http://127.0.0.1:3001/v2/; } }`,
      { '127.0.0.1:3001': { name: 'app' } },
    );
    const x = await send('/api/users', [
      ['Connection', 'keep-alive'],
      ['Keep-Alive', 'timeout=5'],
      ['TE', 'trailers'],
      ['Upgrade', 'h2c'],
    ]);
    const c = compareRequests(x.sent, x.upstreamRequest, x.trace)!;
    expect(byName(c.headers, 'host')).toMatchObject({
      kind: 'changed',
      before: ['example.com'],
      after: ['backend.internal'],
    });
    expect(byName(c.headers, 'x-real-ip')).toMatchObject({ kind: 'added', after: ['10.0.0.7'] });
    expect(byName(c.headers, 'x-forwarded-for')).toMatchObject({ kind: 'added' });
    expect(byName(c.headers, 'connection')).toMatchObject({
      kind: 'replaced',
      before: ['keep-alive'],
      after: ['close'],
    });
    for (const name of ['keep-alive', 'te', 'upgrade'])
      expect(byName(c.headers, name)?.kind).toBe('removed');
    expect(byName(c.headers, 'te')!.reason).toMatch(/hop-by-hop/);
    expect(c.lines).toEqual([
      expect.objectContaining({ what: 'URI', before: '/api/users', after: '/v2/users' }),
      expect.objectContaining({ what: 'HTTP version', before: 'HTTP/1.1', after: 'HTTP/1.0' }),
    ]);
    // Marks: removed on the client's side, added and changed on the backend's.
    expect(c.before.marks[c.before.headers.findIndex(([n]) => n === 'TE')]).toBe('removed');
    expect(c.after.marks[c.after.headers.findIndex(([n]) => n === 'X-Real-IP')]).toBe('added');
  });

  it('names the rewrite the trace records as the reason the URI changed', async () => {
    const send = proxy(
      `server { listen 80; location / { rewrite ^/old/(.*)$ /new/$1 break;
        proxy_pass http://127.0.0.1:3001; } }`,
      { '127.0.0.1:3001': { name: 'app' } },
    );
    const x = await send('/old/page');
    const uri = compareRequests(x.sent, x.upstreamRequest, x.trace)!.lines.find(
      (l) => l.what === 'URI',
    )!;
    expect(uri).toMatchObject({ before: '/old/page', after: '/new/page' });
    expect(uri.reason).toMatch(/^rewrite: /);
  });

  it('is null when no backend received the request', async () => {
    const send = proxy(`server { listen 80; location / { return 204; } }`, {});
    const x = await send('/');
    expect(compareRequests(x.sent, x.upstreamRequest, x.trace)).toBeNull();
    expect(compareResponses(x.upstreamResponse, x.response, x.trace)).toBeNull();
    expect(whyNoBackend(x)).toMatch(/^nginx answered itself/);
  });
});

describe('compareResponses', () => {
  const BODY = 'hello compression '.repeat(40);
  const backends: BackendMap = {
    '127.0.0.1:3001': {
      name: 'app',
      routes: [
        {
          path: '/page',
          headers: {
            'Content-Type': 'text/html',
            'X-Powered-By': 'PHP/8.3',
            'X-Accel-Expires': '10',
            Server: 'gunicorn',
          },
          body: BODY,
        },
      ],
    },
  };

  it('hidden and added headers carry the trace’s reasons; Server is replaced; gzip gives both sizes', async () => {
    const send = proxy(
      `gzip on;
      server { listen 80; location / { proxy_hide_header X-Powered-By;
        add_header X-Frame-Options DENY; proxy_pass http://127.0.0.1:3001; } }`,
      backends,
    );
    const x = await send('/page', [['Accept-Encoding', 'gzip']]);
    const c = compareResponses(x.upstreamResponse, x.response, x.trace)!;
    const hiddenEvent = x.trace.find((e) => e.type === 'headers' && e.hidden.length)!;
    expect(byName(c.headers, 'x-powered-by')).toMatchObject({
      kind: 'hidden',
      reason: hiddenEvent.type === 'headers' ? hiddenEvent.reason : '',
    });
    expect(byName(c.headers, 'x-accel-expires')?.kind).toBe('hidden');
    expect(byName(c.headers, 'x-frame-options')).toMatchObject({
      kind: 'added',
      after: ['DENY'],
      reason: 'added by add_header',
    });
    expect(byName(c.headers, 'server')).toMatchObject({ kind: 'replaced', before: ['gunicorn'] });
    expect(byName(c.headers, 'date')?.kind).toBe('added');
    expect(byName(c.headers, 'content-encoding')).toMatchObject({
      kind: 'added',
      after: ['gzip'],
    });
    expect(byName(c.headers, 'content-encoding')!.reason).toMatch(/^gzip: compressed/);
    const compress = x.trace.find((e) => e.type === 'compress')!;
    if (compress.type !== 'compress') throw new Error();
    expect(c.notes).toContain(
      `gzip: ${BODY.length} bytes from the backend → ${compress.sizeAfter} bytes to the client (ratio ${compress.ratio})`,
    );
  });

  it('a cache HIT has no backend answer, and says so from the trace', async () => {
    const send = proxy(
      `proxy_cache_path c keys_zone=z:1m;
      server { listen 80; location / { proxy_cache z; proxy_cache_valid 200 1m;
        proxy_pass http://127.0.0.1:3001; } }`,
      { '127.0.0.1:3001': { name: 'app' } },
    );
    const miss = await send('/');
    const notes = compareResponses(miss.upstreamResponse, miss.response, miss.trace)!.notes;
    expect(notes.at(-1)).toMatch(/^Cache z: MISS \(/);
    const hit = await send('/');
    expect(compareResponses(hit.upstreamResponse, hit.response, hit.trace)).toBeNull();
    expect(whyNoBackend(hit)).toMatch(/^Served from the cache/);
  });
});

describe('clientSide', () => {
  it('shows what the client got from nginx alone, marking what add_header added', async () => {
    const send = proxy(
      `limit_req_zone $binary_remote_addr zone=one:1m rate=1r/m;
      server { listen 80; location / { limit_req zone=one; limit_req_status 429;
        add_header X-Why limited always; proxy_pass http://127.0.0.1:3001; } }`,
      { '127.0.0.1:3001': { name: 'app' } },
    );
    await send('/');
    const rejected = await send('/');
    const side = clientSide(rejected.response, rejected.trace)!;
    expect(side.startLine).toBe('HTTP/1.1 429 Too Many Requests');
    const index = side.headers.findIndex(([n]) => n === 'X-Why');
    expect(side.marks[index]).toBe('added');
    expect(side.marks.filter((m) => m === 'added')).toHaveLength(1);
    expect(clientSide(null, rejected.trace)).toBeNull();
  });
});

describe('hopTimes', () => {
  it('gives each hop its virtual time after the request arrived, and the backend its duration', async () => {
    const send = proxy(`server { listen 80; location / { proxy_pass http://127.0.0.1:3001; } }`, {
      '127.0.0.1:3001': { name: 'app', latencyMs: 120 },
    });
    const x = await send('/');
    const hops = hopTimes(x.trace);
    expect(hops[0]).toEqual({ label: 'nginx received GET /', atMs: 0, durationMs: null });
    expect(hops.find((h) => h.label.startsWith('127.0.0.1:3001 answered'))).toMatchObject({
      atMs: 120,
      durationMs: 120,
    });
    expect(hops.at(-1)).toMatchObject({ label: 'nginx sent 200 to the client', atMs: 120 });
  });
});
