import { describe, expect, it } from 'vitest';
import { compileConfig } from '../compile';
import { allows, FT, nextUpstreamOf, statusMask } from './next-upstream';
import { backendOf, proxyWith } from './test-support';

function locationConf(lines: string, inner = '') {
  const http = compileConfig(
    `events {}\nhttp {\n  server {\n    listen 80;\n    ${lines}\n    location / { proxy_pass http://127.0.0.1:3001; ${inner} }\n  }\n}\n`,
    { hosts: [], stockFiles: false },
  ).http!;
  return nextUpstreamOf(http.servers[0]!.locations.prefix[0]!.level);
}

describe('proxy_next_upstream settings', () => {
  it('defaults to error and timeout, with no limit on tries or time', () => {
    expect(locationConf('')).toEqual({ mask: FT.error | FT.timeout, tries: 0, timeout: 0 });
  });

  it('adds up the lines of one level, case-insensitively, and takes the nearest level', () => {
    expect(locationConf('proxy_next_upstream error; proxy_next_upstream HTTP_503;').mask).toBe(
      FT.error | FT.http_503,
    );
    expect(
      locationConf('proxy_next_upstream error http_503;', 'proxy_next_upstream timeout;').mask,
    ).toBe(FT.timeout);
  });

  it('lets off win over anything on its level', () => {
    expect(locationConf('proxy_next_upstream error off;').mask).toBe(FT.off);
  });

  it('reads tries and timeout', () => {
    expect(
      locationConf('proxy_next_upstream_tries 2; proxy_next_upstream_timeout 1500ms;'),
    ).toMatchObject({ tries: 2, timeout: 1500 });
  });

  it('repeats a POST that reached the backend only with non_idempotent', () => {
    const conf = { mask: FT.error | FT.http_503, tries: 0, timeout: 0 };
    expect(allows(conf, FT.http_503, 'GET', true)).toBe(true);
    expect(allows(conf, FT.http_503, 'POST', true)).toBe(false);
    expect(allows(conf, FT.error, 'POST', false)).toBe(true);
    expect(
      allows({ ...conf, mask: conf.mask | FT.non_idempotent }, FT.http_503, 'POST', true),
    ).toBe(true);
    expect(statusMask(418)).toBe(0);
  });
});

const CONFIG = `events {}
http {
  log_format up '$request $status $upstream_addr $upstream_status';
  access_log logs/access.log up;
  upstream three {
    server 127.0.0.1:3001;
    server 127.0.0.1:3002;
    server 127.0.0.1:3003;
  }
  server {
    listen 80;
    location /busy/ { proxy_pass http://three; proxy_next_upstream http_503; }
    location /missing/ { proxy_pass http://three; proxy_next_upstream http_404; }
  }
}
`;

describe('going on to the next server', () => {
  const routes = (status: number) => [
    { path: '/busy/x', status, body: `${status}\n` },
    { path: '/missing/x', status: 404 },
  ];
  const backends = {
    '127.0.0.1:3001': { name: 'a', routes: routes(503) },
    '127.0.0.1:3002': { name: 'b', routes: routes(503) },
    '127.0.0.1:3003': { name: 'c', routes: routes(503) },
  };

  it('passes on the last answer when every server gave a listed status, then has no live server', async () => {
    const proxy = proxyWith(CONFIG, backends);
    const first = await proxy.send('http://example.com/busy/x');
    expect(first.response!.status).toBe(503);
    expect(backendOf(first)).toBe('c');
    expect(first.accessLog[0]!.line).toBe(
      'GET /busy/x HTTP/1.1 503 127.0.0.1:3001, 127.0.0.1:3002, 127.0.0.1:3003 503, 503, 503',
    );
    // a and b count as failed; c's answer was passed on, so only now does c fail too.
    const second = await proxy.send('http://example.com/busy/x');
    expect(second.response!.status).toBe(502);
    expect(second.accessLog[0]!.line).toBe(
      'GET /busy/x HTTP/1.1 502 127.0.0.1:3003, three 503, 502',
    );
  });

  it('explains each retry in the trace', async () => {
    const proxy = proxyWith(CONFIG, backends);
    const { trace } = await proxy.send('http://example.com/busy/x');
    const reasons = trace.filter((e) => e.type === 'upstream').map((e) => e.reason);
    expect(reasons[1]).toBe(
      'proxy_next_upstream (http_503): 127.0.0.1:3001 answered 503, which counts as a failure, so the next server is tried',
    );
  });

  it('does not count http_404 as a failure', async () => {
    const proxy = proxyWith(CONFIG, backends);
    await proxy.send('http://example.com/missing/x');
    expect(proxy.upstream('three').primary.map((p) => p.fails)).toEqual([0, 0, 0]);
  });
});
