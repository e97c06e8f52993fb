import { describe, expect, it } from 'vitest';
import { compileConfig } from '../compile';
import type { Upstream } from './upstream';

function upstream(body: string): Upstream {
  const http = compileConfig(
    `events {}\nhttp {\n  upstream u {\n${body}\n  }\n  server { listen 80; location / { proxy_pass http://u; } }\n}\n`,
    { hosts: [], stockFiles: false },
  ).http!;
  return http.upstreams.get('u')!;
}

describe('upstream groups', () => {
  it('keeps the last balancing method written (nginx only warns "load balancing method redefined")', () => {
    expect(upstream('    ip_hash;\n    least_conn;\n    server 127.0.0.1:3001;').balancer).toEqual({
      method: 'least_conn',
    });
    const hash = upstream(
      '    hash $uri;\n    hash $arg_k consistent;\n    server 127.0.0.1:3001;',
    );
    expect(hash.balancer).toMatchObject({ method: 'hash', consistent: true });
    expect(hash.ring).toHaveLength(160);
  });

  it('keeps "random two" when a plain "random" follows, as nginx only ever sets that flag', () => {
    expect(upstream('    random two;\n    random;\n    server 127.0.0.1:3001;').balancer).toEqual({
      method: 'random',
      two: true,
    });
  });

  it('reads every server parameter', () => {
    const up = upstream(
      '    server 127.0.0.1:3001 weight=3 max_fails=2 fail_timeout=1m max_conns=4;\n    server localhost:3002 down;\n    server 127.0.0.1:3003 backup;',
    );
    expect(up.primary[0]).toMatchObject({ weight: 3, maxFails: 2, failTimeout: 60, maxConns: 4 });
    expect(up.primary[1]).toMatchObject({
      address: '127.0.0.1:3002',
      written: 'localhost:3002',
      down: true,
    });
    expect(up.backup.map((p) => p.address)).toEqual(['127.0.0.1:3003']);
    expect(up).toMatchObject({ totalWeight: 4, tries: 2, single: false });
  });
});
