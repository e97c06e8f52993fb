/**
 * limit_req through the engine: nginx's leaky bucket in thousandths, delays
 * that really pass on the clock, several zones, and the config errors
 * `nginx -t` gives (each message recorded from nginx 1.22.1).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBackendTransport } from '../../backends';
import { clientRequest, createProxy, VirtualClock } from '..';
import type { TraceEvent } from '../trace';
import { refusalOf } from '../../../test/support/config-error';

function setup(http: string, location: string, extra = '') {
  const config = `events {}
http {
  ${http}
  server {
    listen 80;
    location / {
      ${location}
      proxy_pass http://127.0.0.1:3001;
    }
    ${extra}
  }
}
`;
  const clock = new VirtualClock();
  const transport = createBackendTransport({ '127.0.0.1:3001': { name: 'app' } }, clock);
  const engine = createProxy(config, { clock, transport, stockFiles: false });
  /** Sends GET `path` at `at` ms (or now, if the clock is already later); resolves when it is answered. */
  const send = async (
    at: number,
    path = '/',
    init: { client?: string; headers?: Record<string, string> } = {},
  ) => {
    clock.advanceTo(at);
    const result = await engine.handle(
      clientRequest({ url: `http://example.com${path}`, ...init }),
    );
    return { status: result.response!.status, done: clock.now(), result };
  };
  return { clock, engine, send };
}

function limitEvents(trace: TraceEvent[]) {
  return trace.filter(
    (e): e is Extract<TraceEvent, { type: 'limit'; directive: 'limit_req' }> =>
      e.type === 'limit' && e.directive === 'limit_req',
  );
}

describe('limit_req', () => {
  it('rejects requests faster than the rate without burst, and leaves the bucket as it was', async () => {
    const { send } = setup(
      'limit_req_zone $binary_remote_addr zone=one:1m rate=2r/s;',
      'limit_req zone=one;',
    );
    // 2r/s drains 1000 thousandths in 500 ms: at 400 ms the bucket still holds 200.
    expect((await send(0)).status).toBe(200);
    expect((await send(400)).status).toBe(503);
    // The rejection did not count: 500 ms after the first request the bucket is empty again.
    expect((await send(500)).status).toBe(200);
  });

  it('serves burst requests at once with nodelay, then answers limit_req_status', async () => {
    const { send } = setup(
      'limit_req_zone $binary_remote_addr zone=one:1m rate=1r/s;',
      'limit_req zone=one burst=2 nodelay; limit_req_status 429;',
    );
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await send(0)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it('without nodelay makes excess requests wait (excess - delay) / rate on the clock', async () => {
    const { send } = setup(
      'limit_req_zone $binary_remote_addr zone=one:1m rate=5r/s;',
      'limit_req zone=one burst=3;',
    );
    const first = await send(0);
    expect(first.done).toBe(0);
    // Excess 1000 at 5000/s: 200 ms.
    const second = await send(0);
    expect(second.done).toBe(200);
    const events = limitEvents(second.result.trace);
    expect(events[0]).toMatchObject({
      decision: 'delayed',
      delayMs: 200,
      excessBefore: 0,
      excessAfter: 1,
      burst: 3,
      rate: '5r/s',
    });
    expect(events[0]!.reason).toContain('waits 200 ms');
    // Sent at 200 ms, 200 ms after the last count: drained to 0, plus this one.
    expect((await send(0)).done).toBe(400);
  });

  it('serves the first delay= excess requests at once and delays the rest', async () => {
    const { send } = setup(
      'limit_req_zone $binary_remote_addr zone=one:1m rate=10r/s;',
      'limit_req zone=one burst=5 delay=2;',
    );
    const done = [];
    for (let i = 0; i < 5; i++) done.push((await send(0)).done);
    // Excess 0, 1, 2 pass at once; 3 waits (3000 - 2000) / 10 = 100 ms, and so does every
    // later one, since each arrives exactly when 1 request has drained.
    expect(done).toEqual([0, 0, 0, 100, 200]);
  });

  it('charges no zone when a later one rejects, and waits for the longest delay', async () => {
    const { send } = setup(
      `limit_req_zone $binary_remote_addr zone=perip:1m rate=2r/s;
       limit_req_zone $uri zone=peruri:1m rate=1r/s;`,
      'limit_req zone=perip burst=3 nodelay; limit_req zone=peruri burst=1 nodelay;',
    );
    // Recorded from nginx (test/conformance/recorded/ratelimit-zones-delay-status-log.json).
    const statuses = [];
    for (const path of ['/a', '/a', '/a', '/b', '/c', '/d'])
      statuses.push((await send(0, path)).status);
    expect(statuses).toEqual([200, 200, 503, 200, 200, 503]);
  });

  it('applies the longest of the delays several zones ask for', async () => {
    const { send } = setup(
      `limit_req_zone $binary_remote_addr zone=fast:1m rate=10r/s;
       limit_req_zone $binary_remote_addr zone=slow:1m rate=2r/s;`,
      'limit_req zone=fast burst=5; limit_req zone=slow burst=5;',
    );
    await send(0);
    const second = await send(0);
    // fast asks for 100 ms, slow for 500 ms.
    expect(second.done).toBe(500);
    const [fast, slow] = limitEvents(second.result.trace);
    expect(fast).toMatchObject({ zone: 'fast', delayMs: 100 });
    expect(fast!.reason).toContain('the longest wait applies');
    expect(slow).toMatchObject({ zone: 'slow', delayMs: 500 });
  });

  it('does not limit requests whose key is empty, and keeps one bucket per key', async () => {
    const { send } = setup(
      'limit_req_zone $http_x_key zone=bykey:1m rate=1r/m;',
      'limit_req zone=bykey;',
    );
    expect((await send(0)).status).toBe(200);
    expect((await send(0)).status).toBe(200);
    expect((await send(0, '/', { headers: { 'X-Key': 'a' } })).status).toBe(200);
    expect((await send(0, '/', { headers: { 'X-Key': 'a' } })).status).toBe(503);
    expect((await send(0, '/', { headers: { 'X-Key': 'b' } })).status).toBe(200);
  });

  it('drains r/m rates in whole thousandths (30r/m is 500 per second)', async () => {
    const { send } = setup(
      'limit_req_zone $binary_remote_addr zone=one:1m rate=30r/m;',
      'limit_req zone=one;',
    );
    expect((await send(0)).status).toBe(200);
    expect((await send(1900)).status).toBe(503);
    expect((await send(2100)).status).toBe(200);
  });

  it('in a dry run counts and reports, but neither delays nor rejects', async () => {
    const { send } = setup(
      `limit_req_zone $binary_remote_addr zone=one:1m rate=1r/s;
       log_format f '$status $limit_req_status';
       access_log logs/access.log f;`,
      'limit_req zone=one; limit_req_dry_run on;',
    );
    const lines = [];
    for (let i = 0; i < 3; i++) {
      const { status, done, result } = await send(0);
      expect([status, done]).toEqual([200, 0]);
      lines.push(result.accessLog[0]!.line);
    }
    expect(lines).toEqual(['200 PASSED', '200 REJECTED_DRY_RUN', '200 REJECTED_DRY_RUN']);
  });

  it('is skipped after an internal redirect: error_page reaches its target', async () => {
    const { send } = setup(
      'limit_req_zone $binary_remote_addr zone=one:1m rate=1r/s;',
      'limit_req zone=one; limit_req_status 429; error_page 429 /busy;',
      'location = /busy { limit_req zone=one; proxy_pass http://127.0.0.1:3001; }',
    );
    await send(0);
    const { status, result } = await send(0, '/x');
    expect(status).toBe(429);
    expect(result.upstreamRequest?.target).toBe('/busy');
  });

  it('never runs for a location that answers with return', async () => {
    const { send } = setup(
      'limit_req_zone $binary_remote_addr zone=one:1m rate=1r/s;',
      'limit_req zone=one;',
      'location /r { limit_req zone=one; return 200 "ok"; }',
    );
    for (let i = 0; i < 3; i++) expect((await send(0, '/r')).status).toBe(200);
  });

  it('never lets more requests through a window than rate × window + burst + 1 (nodelay)', async () => {
    // Between two passed requests i < j, each passed one adds 1000 and the time between
    // drains at most rate·Δms/1000 (floored), and 0 ≤ excess ≤ burst·1000, so
    // 1000·(j − i) ≤ burst·1000 + rate·(t_j − t_i)/1000: a window of Δ ms holds at most
    // 1 + burst + rate·Δ/10⁶ passed requests (rate in thousandths per second).
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 20 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 5 }),
        fc.array(fc.integer({ min: 0, max: 700 }), { minLength: 1, maxLength: 40 }),
        async (n, perMinute, burst, gaps) => {
          const rateText = `${n}r/${perMinute ? 'm' : 's'}`;
          const rate = Math.floor((n * 1000) / (perMinute ? 60 : 1));
          const { send } = setup(
            `limit_req_zone $binary_remote_addr zone=one:1m rate=${rateText};`,
            `limit_req zone=one ${burst ? `burst=${burst} ` : ''}nodelay;`,
          );
          const passed: number[] = [];
          let at = 0;
          for (const gap of gaps) {
            at += gap;
            if ((await send(at)).status === 200) passed.push(at);
          }
          expect(passed[0]).toBe(gaps[0]);
          for (let i = 0; i < passed.length; i++)
            for (let j = i + 1; j < passed.length; j++)
              expect((j - i) * 1_000_000).toBeLessThanOrEqual(
                burst * 1_000_000 + rate * (passed[j]! - passed[i]!),
              );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('never rejects a client that keeps to the rate', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 30 }),
        async (n, extra) => {
          const { send } = setup(
            `limit_req_zone $binary_remote_addr zone=one:1m rate=${n}r/s;`,
            'limit_req zone=one;',
          );
          const interval = Math.ceil(1000 / n);
          let at = 0;
          for (const e of extra) {
            expect((await send(at)).status).toBe(200);
            at += interval + e;
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('limit_req config errors, as nginx -t words them', () => {
  const cases: [http: string, location: string, message: string, line: number | null][] = [
    ['', 'limit_req zone=two;', 'zero size shared memory zone "two"', null],
    [
      'limit_req_zone $binary_remote_addr zone=one:1m rate=1r/h;',
      '',
      'invalid rate "rate=1r/h"',
      3,
    ],
    [
      'limit_req_zone $binary_remote_addr zone=one:1m rate=0r/s;',
      '',
      'invalid rate "rate=0r/s"',
      3,
    ],
    [
      'limit_req_zone $binary_remote_addr zone=one:1k rate=1r/s;',
      '',
      'zone "zone=one:1k" is too small',
      3,
    ],
    [
      'limit_req_zone $binary_remote_addr zone=one rate=1r/s;',
      '',
      'invalid zone size "zone=one"',
      3,
    ],
    [
      'limit_req_zone $binary_remote_addr zone=one:1m rate=1r/s sync;',
      '',
      'invalid number of arguments in "limit_req_zone" directive',
      3,
    ],
    [
      'limit_req_zone $binary_remote_addr zone=one:1m rate=1r/s; limit_req_zone $uri zone=one:1m rate=1r/s;',
      '',
      'limit_req_zone "one" is already bound to key "$binary_remote_addr"',
      3,
    ],
    [
      'limit_req_zone $binary_remote_addr zone=one:1m rate=1r/s; limit_req_zone $binary_remote_addr zone=one:2m rate=1r/s;',
      '',
      'the size 2097152 of shared memory zone "one" conflicts with already declared size 1048576',
      3,
    ],
    [
      'limit_conn_zone $binary_remote_addr zone=c:1m; limit_req_zone $binary_remote_addr zone=c:1m rate=1r/s;',
      '',
      'the shared memory zone "c" is already declared for a different use',
      3,
    ],
    [
      'limit_req_zone $binary_remote_addr rate=1r/s;',
      '',
      'invalid number of arguments in "limit_req_zone" directive',
      3,
    ],
    [
      'limit_req_zone $binary_remote_addr rate=1r/s rate=2r/s;',
      '',
      '"limit_req_zone" must have "zone" parameter',
      3,
    ],
    [
      'limit_req_zone $binary_remote_addr zone=a:1m rate=1r/s; limit_req_zone $binary_remote_addr zone=b:1m rate=1r/s;',
      'limit_req zone=c; limit_req zone=d;',
      'zero size shared memory zone "c"',
      null,
    ],
    ['limit_req_zone $nope zone=one:1m rate=1r/s;', '', 'unknown "nope" variable', null],
    [
      'limit_req_zone $binary_remote_addr zone=one:1m rate=1r/s;',
      'limit_req zone=one burst=0;',
      'invalid burst value "burst=0"',
      4,
    ],
    [
      'limit_req_zone $binary_remote_addr zone=one:1m rate=1r/s;',
      'limit_req zone=one delay=x;',
      'invalid delay value "delay=x"',
      4,
    ],
    [
      'limit_req_zone $binary_remote_addr zone=one:1m rate=1r/s;',
      'limit_req zone=one; limit_req zone=one;',
      '"limit_req" directive is duplicate',
      4,
    ],
    [
      'limit_req_zone $binary_remote_addr zone=one:1m rate=1r/s;',
      'limit_req burst=5;',
      '"limit_req" must have "zone" parameter',
      4,
    ],
    [
      'limit_req_zone $binary_remote_addr zone=one:1m rate=1r/s;',
      'limit_req zone=one fast;',
      'invalid parameter "fast"',
      4,
    ],
    [
      'limit_req_zone $binary_remote_addr zone=one:1m rate=1r/s;',
      'limit_req zone=one:1m;',
      'zero size shared memory zone "one:1m"',
      null,
    ],
    [
      'limit_req_zone $binary_remote_addr zone=one:1m rate=1r/s;',
      'limit_req_status 302;',
      'value must be between 400 and 599',
      4,
    ],
    [
      'limit_req_zone $binary_remote_addr zone=one:1m rate=1r/s;',
      'limit_req_log_level debug;',
      'invalid value "debug"',
      4,
    ],
    [
      'limit_req_zone $binary_remote_addr zone=one:1m rate=1r/s;',
      'limit_req_dry_run on; limit_req_status 429; limit_req_status 503;',
      '"limit_req_status" directive is duplicate',
      4,
    ],
  ];
  it.each(cases)('%s %s → %s', (http, location, message, line) => {
    const config = `events {}\nhttp {\n${http}\n  server { listen 80; location / { ${location} return 200; } }\n}\n`;
    expect(refusalOf(config)).toMatchObject({ message, line });
  });
});
