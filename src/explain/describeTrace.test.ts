import { describe, expect, test } from 'vitest';
import type { TraceEvent } from '../engine';
import { describeEvent, describeTrace } from './describeTrace';

const base = { at: 0, requestId: 1 };

const cases: [TraceEvent, string][] = [
  [
    {
      ...base,
      type: 'receive',
      method: 'GET',
      target: '/a?b=1',
      host: 'example.com',
      client: '127.0.0.2',
      port: 80,
      tls: false,
    },
    'receive: GET /a?b=1 from 127.0.0.2 — http on port 80, Host example.com',
  ],
  [
    {
      ...base,
      type: 'reject',
      status: null,
      reason: 'connection refused: nothing listens on port 8080',
    },
    'reject: no response — connection refused: nothing listens on port 8080',
  ],
  [
    { ...base, type: 'reject', status: 403, reason: 'deny all (line 7) matches 127.0.0.1' },
    'reject: 403 — deny all (line 7) matches 127.0.0.1',
  ],
  [
    {
      ...base,
      type: 'server',
      port: 80,
      host: 'example.com',
      server: 'example.com',
      line: 3,
      reason: 'server_name example.com matches exactly',
    },
    'server: example.com (line 3) — server_name example.com matches exactly',
  ],
  [
    {
      ...base,
      type: 'server',
      port: 80,
      host: 'x',
      server: '',
      line: 3,
      reason: 'default server',
    },
    'server: "" (line 3) — default server',
  ],
  [
    {
      ...base,
      type: 'match',
      uri: '/',
      location: '/',
      line: 6,
      reason: 'longest prefix /',
      candidates: [],
    },
    'match: location / — longest prefix /',
  ],
  [
    {
      ...base,
      type: 'match',
      uri: '/x',
      location: null,
      line: null,
      reason: 'no location matches',
      candidates: [],
    },
    'match: no location for /x — no location matches',
  ],
  [
    {
      ...base,
      type: 'rewrite',
      directive: 'rewrite',
      line: 8,
      from: '/old',
      to: '/new',
      flag: 'last',
      reason: '^/old matches',
    },
    'rewrite: /old → /new (last), line 8 — ^/old matches',
  ],
  [
    { ...base, type: 'return', line: 9, status: 301, reason: 'return 301' },
    'return: 301 (line 9) — return 301',
  ],
  [
    { ...base, type: 'internal-redirect', to: '/50x.html', reason: 'error_page 502' },
    'internal redirect: to /50x.html — error_page 502',
  ],
  [
    {
      ...base,
      type: 'balance',
      upstream: '127.0.0.1:3000',
      method: 'single server',
      chosen: '127.0.0.1:3000',
      reason: '127.0.0.1:3000 is the only server',
      candidates: [],
    },
    'balance: 127.0.0.1:3000 — 127.0.0.1:3000 is the only server',
  ],
  [
    {
      ...base,
      type: 'balance',
      upstream: 'pool',
      method: 'round robin',
      chosen: null,
      reason: 'no server is available',
      candidates: [],
    },
    'balance: no server — no server is available',
  ],
  [
    {
      ...base,
      type: 'upstream',
      address: '127.0.0.1:3000',
      attempt: 1,
      method: 'GET',
      uri: '/',
      httpVersion: '1.0',
      headers: [],
      reason: 'proxy_pass to 127.0.0.1:3000',
    },
    'upstream: GET / HTTP/1.0 → 127.0.0.1:3000',
  ],
  [
    {
      ...base,
      type: 'upstream',
      address: '127.0.0.1:3001',
      attempt: 2,
      method: 'GET',
      uri: '/',
      httpVersion: '1.0',
      headers: [],
      reason: 'proxy_pass to 127.0.0.1:3001',
    },
    'upstream: GET / HTTP/1.0 → 127.0.0.1:3001 (attempt 2)',
  ],
  [
    {
      ...base,
      type: 'backend',
      address: '127.0.0.1:3000',
      outcome: 'response',
      status: 200,
      durationMs: 0,
    },
    'backend: 127.0.0.1:3000 answered 200 in 0 ms',
  ],
  [
    {
      ...base,
      type: 'backend',
      address: '127.0.0.1:3000',
      outcome: 'refused',
      status: null,
      durationMs: 0,
    },
    'backend: 127.0.0.1:3000 refused the connection',
  ],
  [
    {
      ...base,
      type: 'backend',
      address: '127.0.0.1:3000',
      outcome: 'timeout',
      status: null,
      durationMs: 60000,
    },
    'backend: 127.0.0.1:3000 did not answer in 60000 ms',
  ],
  [
    {
      ...base,
      type: 'headers',
      added: [['X-Cache', 'HIT']],
      hidden: ['X-Powered-By'],
      reason: 'add_header',
    },
    'headers: added X-Cache: HIT; hid X-Powered-By — add_header',
  ],
  [
    {
      ...base,
      type: 'respond',
      status: 200,
      source: 'upstream',
      reason: '127.0.0.1:3000 answered 200',
    },
    'respond: 200 — 127.0.0.1:3000 answered 200',
  ],
  [
    {
      ...base,
      type: 'limit',
      directive: 'limit_req',
      zone: 'one',
      key: '127.0.0.1',
      rate: '5r/s',
      burst: 5,
      nodelay: false,
      excessBefore: 1.4,
      excessAfter: 2.4,
      decision: 'delayed',
      delayMs: 480,
      status: null,
      dryRun: false,
      reason: 'limit_req zone "one" (5r/s, burst 5): 2.4 excess requests queued — waits 480 ms',
    },
    'limit_req: delayed 480 ms — limit_req zone "one" (5r/s, burst 5): 2.4 excess requests queued — waits 480 ms',
  ],
  [
    {
      ...base,
      type: 'limit',
      directive: 'limit_conn',
      zone: 'perip',
      key: '127.0.0.1',
      count: 2,
      limit: 2,
      decision: 'rejected',
      status: 503,
      dryRun: false,
      reason:
        'limit_conn zone "perip": 2 requests from 127.0.0.1 already in flight, the limit is 2',
    },
    'limit_conn: rejected — limit_conn zone "perip": 2 requests from 127.0.0.1 already in flight, the limit is 2',
  ],
  [
    {
      ...base,
      type: 'compress',
      compressed: false,
      sizeBefore: 6,
      sizeAfter: null,
      ratio: null,
      level: 1,
      vary: false,
      reason: 'Content-Length 6 is below gzip_min_length 100',
    },
    'gzip: not compressed — Content-Length 6 is below gzip_min_length 100',
  ],
  [
    {
      ...base,
      type: 'static',
      step: 'file',
      probes: [{ path: 'html/docs', found: 'directory' }],
      reason: 'html/docs is a directory: 301 to /docs/ (root html (line 9))',
    },
    'static: html/docs is a directory: 301 to /docs/ (root html (line 9))',
  ],
  [
    { ...base, type: 'log', line: '127.0.0.1 - - "GET / HTTP/1.1" 200' },
    'log: 127.0.0.1 - - "GET / HTTP/1.1" 200',
  ],
];

describe('describeEvent', () => {
  test.each(cases.map(([event, line]) => ({ event, line })))('$line', ({ event, line }) => {
    expect(describeEvent(event)).toBe(line);
  });
});

describe('describeTrace', () => {
  test('gives one line per event, in order, timed from the first event', () => {
    const trace: TraceEvent[] = [
      { ...base, at: 40, type: 'reject', status: 400, reason: 'bad host' },
      { ...base, at: 42, type: 'respond', status: 400, source: 'error', reason: 'bad host' },
    ];
    expect(describeTrace(trace)).toEqual([
      '[0 ms] reject: 400 — bad host',
      '[2 ms] respond: 400 — bad host',
    ]);
  });

  test('reads nothing from an empty trace', () => {
    expect(describeTrace([])).toEqual([]);
  });
});
