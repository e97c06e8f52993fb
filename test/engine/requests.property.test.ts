/**
 * Whatever a client sends, the engine answers the way nginx does and never
 * throws: odd methods, huge headers, bad percent-escapes, `..` climbing out
 * of the root. The statuses for those classes were recorded from nginx
 * (test/conformance/recorded/security-limit-except-and-header-limits.json,
 * routing-host-normalisation.json, proxy-pass-auto-redirect-and-escaping.json).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBackendTransport } from '../../src/backends';
import { clientRequest, createProxy, VirtualClock, type HandleResult } from '../../src/engine';

const CONFIG = `events {}
http {
  upstream pool { server 127.0.0.1:3001; server 127.0.0.1:3002; server 127.0.0.1:3003 backup; }
  server {
    listen 80;
    server_name example.com;
    location / { proxy_pass http://pool; proxy_set_header Host $host; }
    location /api/ { proxy_pass http://127.0.0.1:3001/v2/; add_header X-Api yes; }
    location ~* \\.(png|css)$ { return 200 "asset $1"; }
    location = /exact { return 204; }
    location /old { rewrite ^/old/(.*)$ /new/$1 permanent; }
  }
}
`;

function engine() {
  const clock = new VirtualClock();
  const transport = createBackendTransport(
    {
      '127.0.0.1:3001': { name: 'a' },
      '127.0.0.1:3002': { name: 'b', down: true },
      '127.0.0.1:3003': { name: 'c' },
    },
    clock,
  );
  return createProxy(CONFIG, { clock, transport });
}

const segment = fc.oneof(
  fc.constantFrom(
    '..',
    '.',
    '',
    'api',
    'old',
    'a.png',
    'x.CSS',
    'exact',
    '%2e%2e',
    '%zz',
    '%',
    '%00',
    '%41',
    'é',
    ' ',
    '?',
    '#',
  ),
  fc.string({ maxLength: 6 }),
  fc.stringMatching(/^(%[0-9A-Fa-f]{2}){1,3}$/),
);
const target = fc.array(segment, { maxLength: 6 }).map((parts) => '/' + parts.join('/'));
const method = fc.oneof(
  fc.constantFrom(
    'GET',
    'HEAD',
    'POST',
    'PUT',
    'DELETE',
    'PATCH',
    'OPTIONS',
    'FOO',
    'get',
    'G ET',
    'CONNECT',
    '',
  ),
  fc.string({ maxLength: 8 }),
);
const headerName = fc.oneof(
  fc.constantFrom(
    'X-A',
    'Cookie',
    'X-Forwarded-For',
    'Accept-Encoding',
    'Host',
    'Content-Length',
    'Transfer-Encoding',
  ),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,10}$/),
);
const headerValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.nat({ max: 12000 }).map((n) => 'v'.repeat(n)),
);
const headers = fc.array(fc.tuple(headerName, headerValue), { maxLength: 5 });
const body = fc.option(fc.string({ maxLength: 40 }), { nil: null });

async function send(
  e: ReturnType<typeof engine>,
  m: string,
  t: string,
  h: [string, string][],
  b: string | null,
): Promise<HandleResult> {
  return e.handle({
    ...clientRequest({ url: 'http://example.com/', headers: h, body: b }),
    method: m,
    target: t,
  });
}

describe('any request the fuzzer makes up', () => {
  // 1,500 requests, each writing nginx's default access log line: more than 5 s on a busy machine.
  it('gets an HTTP response and a complete trace, never a throw', async () => {
    const e = engine();
    await fc.assert(
      fc.asyncProperty(method, target, headers, body, async (m, t, h, b) => {
        const result = await send(e, m, t, h, b);
        expect(result.connectionError).toBeNull();
        const status = result.response!.status;
        expect(status).toBeGreaterThanOrEqual(200);
        expect(status).toBeLessThan(600);
        expect(result.trace[0]!.type).toBe('receive');
        // The response is the last decision; only the access log lines (written as the request ends) follow it.
        const respondAt = result.trace.findLastIndex((e) => e.type === 'respond');
        expect(respondAt).toBeGreaterThan(0);
        expect(result.trace.slice(respondAt + 1).every((e) => e.type === 'log')).toBe(true);
        expect(result.accessLog).toHaveLength(result.trace.length - respondAt - 1);
      }),
      { numRuns: 1500 },
    );
  }, 30_000);

  it('answers 400 to what nginx refuses: bad escapes, paths above the root, methods that are not upper-case tokens', async () => {
    const e = engine();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/%zz', '/a/%4', '/..', '/a/../../b', '/%2e%2e/x', '/x/%00'),
        async (t) => {
          expect((await send(e, 'GET', t, [], null)).response!.status).toBe(400);
        },
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[a-z]{1,6}$/), async (m) => {
        expect((await send(e, m, '/', [], null)).response!.status).toBe(400);
      }),
    );
  });

  it('answers 400 (header too large) or 414 (request line too long) past 8 KB', async () => {
    const e = engine();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 8200, max: 20000 }), async (n) => {
        expect((await send(e, 'GET', '/', [['X-Big', 'v'.repeat(n)]], null)).response!.status).toBe(
          400,
        );
        expect((await send(e, 'GET', '/' + 'a'.repeat(n), [], null)).response!.status).toBe(414);
      }),
      { numRuns: 20 },
    );
  });
});
