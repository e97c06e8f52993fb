/**
 * limit_conn through the engine: requests in flight at the same moment on a
 * virtual clock (a slow backend keeps them open), slots given back when a
 * request is done, and the config errors `nginx -t` gives (recorded from
 * nginx 1.22.1).
 */
import { describe, expect, it } from 'vitest';
import { createBackendTransport } from '../../backends';
import { clientRequest, createProxy, VirtualClock } from '..';
import { refusalOf } from '../../../test/support/config-error';

function setup(location: string, http = '') {
  const config = `events {}
http {
  limit_conn_zone $binary_remote_addr zone=perip:1m;
  ${http}
  server {
    listen 80;
    location / {
      ${location}
      proxy_pass http://127.0.0.1:3001;
    }
  }
}
`;
  const clock = new VirtualClock();
  const transport = createBackendTransport(
    {
      '127.0.0.1:3001': {
        name: 'app',
        routes: [{ path: '/slow', body: 'slow\n', delayMs: 100 }],
      },
    },
    clock,
  );
  const engine = createProxy(config, { clock, transport, stockFiles: false });
  const send = (path: string, client = '127.0.0.1') =>
    engine.handle(clientRequest({ url: `http://example.com${path}`, client }));
  return { clock, send };
}

describe('limit_conn', () => {
  it('refuses the requests over the limit while the others are in flight', async () => {
    const { clock, send } = setup('limit_conn perip 2;');
    const burst = await Promise.all(Array.from({ length: 5 }, () => send('/slow')));
    expect(burst.map((r) => r.response!.status)).toEqual([200, 200, 503, 503, 503]);
    const refused = burst[2]!.trace.find((e) => e.type === 'limit');
    expect(refused).toMatchObject({
      directive: 'limit_conn',
      zone: 'perip',
      key: '127.0.0.1',
      count: 2,
      limit: 2,
      decision: 'rejected',
      status: 503,
    });
    expect(clock.now()).toBe(100);
    // Both slots were given back when the slow requests finished.
    const again = await Promise.all([send('/slow'), send('/slow')]);
    expect(again.map((r) => r.response!.status)).toEqual([200, 200]);
  });

  it('counts each key apart, and answers limit_conn_status', async () => {
    const { send } = setup('limit_conn perip 1; limit_conn_status 429;');
    const burst = await Promise.all([
      send('/slow', '127.0.0.1'),
      send('/slow', '127.0.0.2'),
      send('/slow', '127.0.0.1'),
    ]);
    expect(burst.map((r) => r.response!.status)).toEqual([200, 200, 429]);
  });

  it('gives back the slots of earlier zones when a later one refuses', async () => {
    const { send } = setup(
      'limit_conn perip 5; limit_conn all 1;',
      'limit_conn_zone $server_name zone=all:1m;',
    );
    // $server_name is empty here (no server_name), so the second zone never limits.
    const burst = await Promise.all([send('/slow'), send('/slow'), send('/slow')]);
    expect(burst.map((r) => r.response!.status)).toEqual([200, 200, 200]);

    const strict = setup(
      'limit_conn perip 2; limit_conn all 1;',
      'limit_conn_zone $host zone=all:1m;',
    );
    const three = await Promise.all([
      strict.send('/slow'),
      strict.send('/slow'),
      strict.send('/slow'),
    ]);
    expect(three.map((r) => r.response!.status)).toEqual([200, 503, 503]);
    // The second request gave back its perip slot when "all" refused it, so the third
    // one got past perip too and was refused by "all" as well.
    const refusedBy = three.map((r) =>
      r.trace
        .filter((e) => e.type === 'limit' && e.decision === 'rejected')
        .map((e) => e.type === 'limit' && e.zone),
    );
    expect(refusedBy).toEqual([[], ['all'], ['all']]);
  });

  it('in a dry run reports the refusal and serves the request', async () => {
    const { send } = setup(
      'limit_conn perip 1; limit_conn_dry_run on;',
      `log_format f '$status $limit_conn_status'; access_log logs/access.log f;`,
    );
    const burst = await Promise.all([send('/slow'), send('/slow')]);
    expect(burst.map((r) => r.accessLog[0]!.line)).toEqual(['200 PASSED', '200 REJECTED_DRY_RUN']);
  });

  it('never refuses a client that waits for each answer', async () => {
    const { send } = setup('limit_conn perip 1;');
    for (let i = 0; i < 3; i++) expect((await send('/slow')).response!.status).toBe(200);
  });
});

describe('limit_conn config errors, as nginx -t words them', () => {
  const cases: [http: string, location: string, message: string, line: number | null][] = [
    [
      'limit_conn_zone $binary_remote_addr zone=c:1m;',
      'limit_conn d 1;',
      'zero size shared memory zone "d"',
      null,
    ],
    [
      'limit_conn_zone $binary_remote_addr zone=c:1m;',
      'limit_conn c 0;',
      'invalid number of connections "0"',
      4,
    ],
    [
      'limit_conn_zone $binary_remote_addr zone=c:1m;',
      'limit_conn c 70000;',
      'connection limit must be less 65536',
      4,
    ],
    [
      'limit_conn_zone $binary_remote_addr zone=c:1m;',
      'limit_conn c 1; limit_conn c 2;',
      '"limit_conn" directive is duplicate',
      4,
    ],
    [
      'limit_conn_zone $binary_remote_addr;',
      '',
      'invalid number of arguments in "limit_conn_zone" directive',
      3,
    ],
    [
      'limit_conn_zone $binary_remote_addr zone=:1m;',
      '',
      '"limit_conn_zone" must have "zone" parameter',
      3,
    ],
    [
      'limit_conn_zone $binary_remote_addr zone=c:1m;',
      'limit_conn_status 600;',
      'value must be between 400 and 599',
      4,
    ],
    [
      'limit_conn_zone $binary_remote_addr zone=c:1m;',
      'limit_conn_dry_run maybe;',
      'invalid value "maybe" in "limit_conn_dry_run" directive, it must be "on" or "off"',
      4,
    ],
    [
      'limit_req_zone $binary_remote_addr zone=a:1m rate=1r/s;',
      'limit_req zone=a; limit_conn a 1;',
      'the shared memory zone "a" is already declared for a different use',
      4,
    ],
  ];
  it.each(cases)('%s %s → %s', (http, location, message, line) => {
    const config = `events {}\nhttp {\n${http}\n  server { listen 80; location / { ${location} return 200; } }\n}\n`;
    expect(refusalOf(config)).toMatchObject({ message, line });
  });
});
